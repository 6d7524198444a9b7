#!/usr/bin/env bash
# The page's end-to-end tests: headless Chromium (playwright-core, /usr/bin/chromium)
# drives web/ served by web/serve.mjs, with and without the isolation headers, and compares the
# fits with the native CLI of build/ (VOIGTFIT_NATIVE_BUILD). Makes sure the WebAssembly modules
# exist first (scripts/build_wasm.sh is incremental). Screenshots and logs go to build-e2e/.
set -euo pipefail
cd "$(dirname "$0")/../.."
start=$(date +%s)
bash scripts/build_wasm.sh
[ -d web/node_modules ] || (cd web && npm install --no-audit --no-fund --loglevel=error)
[ -d tests/e2e/node_modules ] || (cd tests/e2e && npm install --no-audit --no-fund --loglevel=error)
timeout 600 node --test tests/e2e
echo "50-e2e: passed in $(( $(date +%s) - start )) s (screenshots in build-e2e/screenshots)"
