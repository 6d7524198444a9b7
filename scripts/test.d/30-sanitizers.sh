#!/usr/bin/env bash
# The test suite under the sanitizers, with clang at -O1 and line tables only
# (-gline-tables-only: file:line in every report, at a fraction of -g's compile and link time):
#
#  1. build-asan: AddressSanitizer + UndefinedBehaviorSanitizer (-fno-sanitize-recover=all, so
#     the first report aborts). Builds voigt_tests and the voigtfit CLI, runs the whole GoogleTest
#     suite, then the CLI tests through ctest (-R '^Cli\.'). LeakSanitizer is on (ASan's default).
#  2. build-tsan: ThreadSanitizer. Builds voigt_tests and runs the tests that start threads:
#     VOIGTFIT_TSAN_FILTER, default 'ThreadPool*:FitSpectrum*:ProteinL*' (FitSpectrum* includes
#     FitSpectrumFaults: time limit and cancellation mid-run). Fork-pool tests stay out: TSan does
#     not support fork() in a multi-threaded process.
#
# Only those targets are built (no benchmarks, no wasm). Exit status non-zero on any sanitizer
# report or test failure; the report is printed. From scratch on 2 idle cores about 4.5 minutes:
# ASan build 1.5 min, suite 1.2 min; TSan build 1.1 min, tests 20 s (builds are incremental
# afterwards). VOIGTFIT_SANITIZERS=asan or =tsan runs one.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
which=${VOIGTFIT_SANITIZERS:-asan tsan}
tsan_filter=${VOIGTFIT_TSAN_FILTER:-'ThreadPool*:FitSpectrum*:ProteinL*'}
command -v clang++ > /dev/null || { echo "30-sanitizers: clang++ not found (scripts/setup.d/hardening.packages)"; exit 1; }

# configure_and_build DIR "SANITIZER FLAGS" TARGET...
configure_and_build() {
  local dir=$1 flags=$2
  shift 2
  local log=$root/$dir/build.log start
  start=$(date +%s)
  mkdir -p "$root/$dir"
  cmake -S . -B "$root/$dir" -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=Debug \
    "-DCMAKE_CXX_FLAGS_DEBUG=-O1 -gline-tables-only -fno-omit-frame-pointer $flags" \
    "-DCMAKE_EXE_LINKER_FLAGS=$flags" -DVOIGTFIT_BUILD_BENCH=OFF > "$log" 2>&1 ||
    { cat "$log"; return 1; }
  cmake --build "$root/$dir" -j"$(nproc)" --target "$@" >> "$log" 2>&1 ||
    { grep -E "error|Error" -A3 "$log" | head -80; return 1; }
  echo "30-sanitizers: built $dir in $(( $(date +%s) - start )) s"
}

# run_logged NAME COMMAND...: runs, keeps the output in a log, shows the tail and any report.
run_logged() {
  local log=$1
  shift
  local rc=0 start
  start=$(date +%s)
  "$@" > "$log" 2>&1 || rc=$?
  grep -E '^\[  (PASSED|FAILED) |tests? ran|% tests passed' "$log" | tail -5 || true
  if [ "$rc" != 0 ] || grep -qE 'ERROR: (Address|Leak|Thread)Sanitizer|WARNING: ThreadSanitizer|runtime error:' "$log"; then
    grep -E -A30 'ERROR: (Address|Leak|Thread)Sanitizer|WARNING: ThreadSanitizer|runtime error:|\[  FAILED  \]' "$log" | head -120
    echo "30-sanitizers: FAILED (exit $rc), full log: $log"
    return 1
  fi
  echo "30-sanitizers: clean in $(( $(date +%s) - start )) s ($log)"
}

failed=0
if [[ " $which " == *" asan "* ]]; then
  configure_and_build build-asan "-fsanitize=address,undefined -fno-sanitize-recover=all" \
    voigt_tests voigtfit
  # handle_segv=0: the fork-pool tests crash a child with SIGSEGV on purpose and expect to see
  # signal 11, which ASan's handler would turn into an abort (signal 6). An unintended SIGSEGV
  # still fails the run, without ASan's stack trace; every ASan check proper is unaffected.
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1:check_initialization_order=1:handle_segv=0
  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
  echo "== AddressSanitizer + UndefinedBehaviorSanitizer: voigt_tests (every test)"
  run_logged build-asan/voigt_tests.log build-asan/tests/voigt_tests || failed=1
  echo "== AddressSanitizer + UndefinedBehaviorSanitizer: CLI tests"
  run_logged build-asan/cli_tests.log ctest --test-dir build-asan -R '^Cli\.' --output-on-failure || failed=1
fi
if [[ " $which " == *" tsan "* ]]; then
  configure_and_build build-tsan "-fsanitize=thread" voigt_tests
  export TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1
  echo "== ThreadSanitizer: voigt_tests --gtest_filter=$tsan_filter"
  run_logged build-tsan/voigt_tests.log build-tsan/tests/voigt_tests "--gtest_filter=$tsan_filter" || failed=1
fi
exit "$failed"
