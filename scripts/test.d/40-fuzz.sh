#!/usr/bin/env bash
# Fuzzes the spectrum readers and every peak-list parser for a bounded time.
#
#  1. Builds the libFuzzer targets of tests/fuzz/ with clang in build-fuzz (-DVOIGTFIT_FUZZ=ON;
#     -fsanitize=fuzzer,address,undefined, -O1), and make_fuzz_corpora.
#  2. Writes fresh seed corpora from ../shared/data (shrunk, truncated, byte-swapped real files)
#     and simulated files into build-fuzz/corpus/<target>/.
#  3. Runs each target for VOIGTFIT_FUZZ_SECONDS (default 30) of fuzzing, VOIGTFIT_FUZZ_JOBS
#     (default: number of cores) targets at a time, each under `timeout` with -timeout=10 (a
#     single input running 10 s is a hang), -rss_limit_mb=2048 (and as malloc limit).
#     New inputs accumulate in build-fuzz/fuzz-runs/<target>/corpus across local runs.
#  4. Prints executions and coverage per target: libFuzzer's covered / instrumented edges of the
#     whole binary, and (unless VOIGTFIT_FUZZ_COVERAGE=0) line coverage of each parser file the
#     target reaches, from a source-coverage build (build-fuzz/coverage, -fprofile-instr-generate)
#     replaying the target's corpus with llvm-cov (about 20 s more).
#
# Exit status non-zero when a target crashed, leaked, hung, hit undefined behaviour or broke a
# check of tests/fuzz/fuzz_checks.h; the input is saved as build-fuzz/fuzz-runs/<target>/crash-*
# (or leak-*, timeout-*, oom-*): copy it to tests/fuzz/regressions/<target>/ under a name that
# says what it triggers, and fix the parser. Eight targets x 30 s on 2 cores: about 3 minutes
# including both builds (seven targets measured 152 s from scratch).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
build=$root/build-fuzz
seconds=${VOIGTFIT_FUZZ_SECONDS:-30}
jobs=${VOIGTFIT_FUZZ_JOBS:-$(nproc)}
shared=${VOIGTFIT_SHARED:-$root/../shared}
targets=(nmrpipe_reader_fuzz ucsf_reader_fuzz peak_list_csv_fuzz peak_list_tab_fuzz
         peak_list_sparky_fuzz peak_list_a2_fuzz peak_list_nef_fuzz peak_list_auto_fuzz)

command -v clang++ > /dev/null || { echo "40-fuzz: clang++ not found (scripts/setup.d/hardening.packages)"; exit 1; }
start=$(date +%s)
mkdir -p "$build"
log=$build/build.log
cmake -S . -B "$build" -DCMAKE_CXX_COMPILER=clang++ -DVOIGTFIT_FUZZ=ON \
  -DVOIGTFIT_BUILD_TESTS=OFF -DVOIGTFIT_BUILD_BENCH=OFF \
  -DCMAKE_BUILD_TYPE=Debug "-DCMAKE_CXX_FLAGS_DEBUG=-O1 -g" > "$log" 2>&1 || { cat "$log"; exit 1; }
cmake --build "$build" -j"$(nproc)" --target fuzz_all >> "$log" 2>&1 ||
  { grep -E "error|Error" -A3 "$log" | head -80; exit 1; }
echo "40-fuzz: built in $(( $(date +%s) - start )) s"

rm -rf "$build/corpus"
"$build/tests/fuzz/make_fuzz_corpora" "$shared" "$build/corpus" > /dev/null

# One target: fuzz into its work corpus (seeds read from the fresh corpus), keep the log.
fuzz_one() {
  local t=$1 dir=$build/fuzz-runs/$1
  mkdir -p "$dir/corpus"
  local extra=()
  [[ $t == peak_list_* ]] && extra+=("-dict=$root/tests/fuzz/peak_list.dict")
  local rc=0
  timeout -k 10 $(( seconds + 120 )) "$build/tests/fuzz/$t" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$dir/" "${extra[@]}" "$dir/corpus" "$build/corpus/$t" \
    > "$dir/log" 2>&1 || rc=$?
  echo "$rc" > "$dir/rc"
}

for t in "${targets[@]}"; do
  rm -f "$build/fuzz-runs/$t/rc" "$build/fuzz-runs/$t/log"
  while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do wait -n || true; done
  fuzz_one "$t" &
done
wait

failed=0
printf '%-24s %12s %10s %22s %8s  %s\n' target executions exec/s "coverage (edges)" corpus result
for t in "${targets[@]}"; do
  dir=$build/fuzz-runs/$t
  rc=$(cat "$dir/rc" 2> /dev/null || echo missing)
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$dir/log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$dir/log" | tail -1)
  total=$(sed -n 's/.*PC tables (\([0-9]*\) PCs).*/\1/p' "$dir/log" | head -1)
  last=$(grep -E '^#[0-9]+.*cov: ' "$dir/log" | tail -1 || true)
  cov=$(sed -n 's/.*cov: \([0-9]*\).*/\1/p' <<< "$last")
  corp=$(sed -n 's/.*corp: \([0-9]*\)\/.*/\1/p' <<< "$last")
  pct=$([ -n "$cov" ] && [ -n "$total" ] && echo "$(( 100 * cov / total ))%" || echo "?")
  result=ok
  if [ "$rc" != 0 ]; then
    result="FAILED (exit $rc)"
    failed=1
  fi
  printf '%-24s %12s %10s %22s %8s  %s\n' "$t" "${execs:-?}" "${rate:-?}" \
    "${cov:-?}/${total:-?} ($pct)" "${corp:-?}" "$result"
done
if [ "${VOIGTFIT_FUZZ_COVERAGE:-1}" != 0 ] && command -v llvm-cov > /dev/null; then
  cov=$build/coverage
  { cmake -S . -B "$cov" -DCMAKE_CXX_COMPILER=clang++ -DVOIGTFIT_FUZZ=ON \
      -DVOIGTFIT_BUILD_TESTS=OFF -DVOIGTFIT_BUILD_BENCH=OFF -DCMAKE_BUILD_TYPE=Debug \
      "-DCMAKE_CXX_FLAGS_DEBUG=-O1 -fprofile-instr-generate -fcoverage-mapping" \
      -DCMAKE_EXE_LINKER_FLAGS=-fprofile-instr-generate &&
    cmake --build "$cov" -j"$(nproc)" --target fuzz_all; } > "$cov.log" 2>&1 ||
    { echo "40-fuzz: coverage build failed (see $cov.log)"; failed=1; }
  if [ "$failed" = 0 ]; then
    echo "line coverage of the parsers, replaying each target's corpus:"
    for t in "${targets[@]}"; do
      rm -f "$cov/$t.profraw"
      LLVM_PROFILE_FILE=$cov/$t.profraw "$cov/tests/fuzz/$t" -runs=0 \
        "$build/fuzz-runs/$t/corpus" "$build/corpus/$t" > /dev/null 2>&1 || true
      llvm-profdata merge -o "$cov/$t.profdata" "$cov/$t.profraw"
      # llvm-cov report columns: file, regions (3), functions (3), lines: count, missed, cover.
      llvm-cov report "$cov/tests/fuzz/$t" -instr-profile="$cov/$t.profdata" 2> /dev/null |
        awk -v t="$t" '$1 ~ /engine\/src\/(io|spectrum)\// && $10 != "0.00%" {
          sub("^.*engine/src/", "", $1); files = files sprintf(" %s %s", $1, $10) }
          END { printf "  %-24s%s\n", t, files }'
    done
  fi
fi
if [ "$failed" != 0 ]; then
  for t in "${targets[@]}"; do
    dir=$build/fuzz-runs/$t
    [ "$(cat "$dir/rc" 2> /dev/null)" = 0 ] && continue
    echo "== $t (log: $dir/log)"
    grep -E 'ERROR|runtime error|fuzz check failed|SUMMARY|Test unit written|^    #[0-9]' "$dir/log" | head -30
  done
  echo "40-fuzz: FAILED; copy each crash-*/leak-*/timeout-* input to tests/fuzz/regressions/<target>/"
  exit 1
fi
echo "40-fuzz: all ${#targets[@]} targets clean after ${seconds} s each ($(( $(date +%s) - start )) s in all)"
