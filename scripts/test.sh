#!/usr/bin/env bash
# Sets up, builds and runs every test: the native GoogleTest suite through ctest, then each step
# in scripts/test.d/ (in name order). Exits non-zero when any test fails.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
ctest --test-dir build --output-on-failure -j"$(nproc)"
for step in scripts/test.d/*.sh; do
  [ -e "$step" ] || continue
  echo "== $step"
  bash "$step"
done
