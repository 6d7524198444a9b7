#!/usr/bin/env bash
# End-to-end scaling of `voigtfit fit` on a simulated 600-peak 4096 x 1024 HSQC: 1 and 2 threads,
# 2 processes (and 4, 8, 16 where the machine has the cores), median of 5 runs each, as peaks
# per second and speedup over 1 thread; then peak memory of 1- and 8-thread runs and of the fork
# pool on a 2000-peak spectrum of the same size. Timings are the fit's own wall time (planning,
# estimates, detection, fit, quality, rows), from the summary line; loading is excluded.
# Then the scaling model: a 1-thread run's --trace replayed on 4, 8, 16 and 32 simulated workers
# (bench/schedule_model.py), with the measured speedup beside it where the machine has the cores,
# and the solver iterations per task.
# Usage: bash bench/scaling.sh [BUILD_DIR]   (default: build)
# TIME_BIN names GNU time where /usr/bin/time is missing (for the peak RSS).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
voigtfit=$build/native/voigtfit
[ -x "$voigtfit" ] || { echo "no $voigtfit: run bash scripts/build.sh first" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
runs=5
cores=$(nproc)

"$voigtfit" simulate "$work/s600" --peaks 600 --nx 4096 --ny 1024 --seed 1 2>/dev/null
peaks=600

fit_seconds() {  # prints the fit's wall time for one run with the given executor flags
  # A row that failed makes the exit status 1; the time is still the run's.
  { "$voigtfit" fit "$work/s600.ft2" "$work/s600.peaks.csv" -o "$work/out.csv" "$@" || true; } \
    2>&1 >/dev/null |
    sed -n 's/.* in \([0-9.e+-]*\) s$/\1/p' | tail -1
}
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

configs=("--threads 1" "--threads 2" "--processes 2" "--threads 1 --single-pass")
for n in 4 8 16; do
  [ "$cores" -ge "$n" ] && configs+=("--threads $n" "--processes $n")
done

echo "machine: $cores cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "spectrum: 4096 x 1024 points, $peaks peaks; median of $runs runs"
printf '%-26s %10s %12s %9s\n' executor "fit s" "peaks/s" speedup
base=""
measured=""
for c in "${configs[@]}"; do
  # shellcheck disable=SC2086
  t=$(for _ in $(seq $runs); do fit_seconds $c; done | median)
  [ -z "$base" ] && base=$t
  awk -v c="$c" -v t="$t" -v b="$base" -v p="$peaks" \
    'BEGIN {printf "%-26s %10.3f %12.0f %8.2fx\n", c, t, p / t, b / t}'
  if [[ $c =~ ^--threads\ ([0-9]+)$ ]]; then
    measured+=$(awk -v n="${BASH_REMATCH[1]}" -v t="$t" -v b="$base" 'BEGIN {printf "%d=%.1fx,", n, b / t}')
  fi
done

echo
"$voigtfit" fit "$work/s600.ft2" "$work/s600.peaks.csv" -o "$work/out.csv" --quiet --threads 1 \
  --trace "$work/trace.json" > /dev/null || true
python3 bench/schedule_model.py "$work/trace.json" --workers 2,4,8,16,32 \
  --measured "$measured" --iterations

# What the second pass buys: listed peaks whose volume is within 5 % of the simulation's truth.
within5() {  # columns found by name in both files
  awk -F, 'FNR == 1 {for (i = 1; i <= NF; ++i) col[FILENAME, $i] = i; next}
           NR == FNR {truth[$col[FILENAME, "index"]] = $col[FILENAME, "volume"]; next}
           ($col[FILENAME, "index"] in truth) {
             n++; e = $col[FILENAME, "volume"] / truth[$col[FILENAME, "index"]] - 1
             if ($col[FILENAME, "status"] == "ok" && e <= 0.05 && e >= -0.05) k++}
           END {printf "%.1f %%", 100 * k / n}' "$work/s600.truth.csv" "$1"
}
for c in "" "--single-pass"; do
  # shellcheck disable=SC2086
  "$voigtfit" fit "$work/s600.ft2" "$work/s600.peaks.csv" -o "$work/acc.csv" --quiet $c > /dev/null || true
  echo "volumes within 5 % of the truth${c:+ ($c)}: $(within5 "$work/acc.csv")"
done

echo
"$voigtfit" simulate "$work/s2000" --peaks 2000 --nx 4096 --ny 1024 --seed 2 2>/dev/null
spectrum_mib=$(awk 'BEGIN {printf "%.1f", 4096 * 1024 * 4 / 1048576}')
echo "memory: 2000 peaks on 4096 x 1024 (spectrum $spectrum_mib MiB; budget spectrum + 64 MiB)"
for c in "--threads 1" "--threads 8"; do
  # shellcheck disable=SC2086
  kib=$( { "${TIME_BIN:-/usr/bin/time}" -f '%M' "$voigtfit" fit "$work/s2000.ft2" "$work/s2000.peaks.csv" \
           -o "$work/out.csv" --quiet $c > /dev/null || true; } 2>&1 | tail -1)
  awk -v c="$c" -v k="$kib" 'BEGIN {printf "  %-14s peak RSS %7.1f MiB\n", c, k / 1024}'
done
# Fork pool: sample the proportional set size (PSS, shared pages split between processes) of the
# parent and all its children while the run lasts; report the largest total seen.
"$voigtfit" fit "$work/s2000.ft2" "$work/s2000.peaks.csv" -o "$work/out.csv" --quiet \
  --processes 2 > /dev/null &
parent=$!
max_kib=0
while kill -0 "$parent" 2>/dev/null; do
  total=0
  for pid in $parent $(pgrep -P "$parent" || true); do
    k=$(awk '/^Pss:/ {print $2}' "/proc/$pid/smaps_rollup" 2>/dev/null || echo 0)
    total=$((total + ${k:-0}))
  done
  [ "$total" -gt "$max_kib" ] && max_kib=$total
  sleep 0.05
done
wait "$parent" || true
awk -v k="$max_kib" 'BEGIN {printf "  %-14s total PSS %7.1f MiB (parent + children, sampled)\n", "--processes 2", k / 1024}'
