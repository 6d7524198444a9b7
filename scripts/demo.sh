#!/usr/bin/env bash
# Sets up, builds and runs the main job: simulate a 150-peak HSQC, fit it natively and compare with
# the truth; then build the WebAssembly engine and serve the web page (the demo spectrum opens
# fitted in the browser) until Ctrl-C. VOIGTFIT_NO_SERVE=1 stops after the native demo.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
./build/native/voigtfit demo
[ "${VOIGTFIT_NO_SERVE:-0}" = 1 ] && exit 0
bash scripts/build_wasm.sh
exec node web/serve.mjs
