#!/usr/bin/env bash
# The WebAssembly step: builds voigtfit_mt (+ the GoogleTest suite compiled to wasm) and
# voigtfit_st (scripts/build_wasm.sh), runs the wasm unit tests through ctest under node, then the
# parity tests (tests/parity: both modules against the native CLI of build/, which test.sh has
# just built). Every node run has a time limit: a pthread deadlock hangs rather than fails.
# Exits non-zero on any failure. From scratch on an idle 2-core machine:
# about 3 minutes (builds 95 s, wasm unit tests 46 s, parity 35 s).
set -euo pipefail
cd "$(dirname "$0")/../.."
start=$(date +%s)
bash scripts/build_wasm.sh
echo "20-wasm: built build-wasm and build-wasm-st in $(( $(date +%s) - start )) s"
timeout 900 ctest --test-dir build-wasm --output-on-failure
timeout 900 node --test tests/parity
echo "20-wasm: passed in $(( $(date +%s) - start )) s"
