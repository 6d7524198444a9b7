#!/usr/bin/env bash
# Configures and builds the WebAssembly modules with Emscripten (Release, -O3):
#   build-wasm/     voigtfit_mt (pthreads) and the GoogleTest suite compiled to wasm
#   build-wasm-st/  voigtfit_st (single-threaded)
# VOIGTFIT_WASM_BUILD renames the folders ($VOIGTFIT_WASM_BUILD and $VOIGTFIT_WASM_BUILD-st, as
# tests/parity expects); extra CMake arguments go to both configures, e.g.
#   VOIGTFIT_WASM_BUILD=build-wasm-simd bash scripts/build_wasm.sh -DVOIGTFIT_WASM_SIMD=ON
# (the -msimd128 builds bench/wasm_bench.mjs compares). Shows the log only on failure. Traps G1/G2
# of shared/TOOLCHAIN.md are handled in wasm/emscripten_flags.cmake too.
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_PATH=/usr/share/nodejs  # G1: emcc's optimizer needs Debian's acorn

build() {
  local dir=$1
  shift
  mkdir -p "$dir"
  local log=$dir/build.log
  emcmake cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=Release \
    "-DCMAKE_CROSSCOMPILING_EMULATOR=$(command -v node);--no-experimental-fetch" "$@" \
    > "$log" 2>&1 || { cat "$log"; exit 1; }
  cmake --build "$dir" -j"$(nproc)" >> "$log" 2>&1 ||
    { grep -E "error|Error" -A3 "$log" | head -80; exit 1; }
}

build "${VOIGTFIT_WASM_BUILD:-build-wasm}" -DVOIGTFIT_WASM_THREADS=ON "$@"
build "${VOIGTFIT_WASM_BUILD:-build-wasm}-st" -DVOIGTFIT_WASM_THREADS=OFF -DVOIGTFIT_BUILD_TESTS=OFF "$@"
