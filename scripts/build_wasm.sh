#!/usr/bin/env bash
# Configures and builds the WebAssembly modules with Emscripten (Release, -O3):
#   build-wasm/     voigtfit_mt (pthreads) and the GoogleTest suite compiled to wasm
#   build-wasm-st/  voigtfit_st (single-threaded)
# Both with -msimd128 (wasm/emscripten_flags.cmake says why). VOIGTFIT_WASM_BUILD renames the
# folders ($VOIGTFIT_WASM_BUILD and $VOIGTFIT_WASM_BUILD-st, as tests/parity expects); extra CMake
# arguments go to both configures and win over the defaults here, e.g.
#   VOIGTFIT_WASM_BUILD=build-wasm-nosimd bash scripts/build_wasm.sh -DVOIGTFIT_WASM_SIMD=OFF
# (the builds without SIMD that bench/wasm_bench.mjs compares). Shows the log only on failure.
# The toolchain's node and acorn traps are handled in wasm/emscripten_flags.cmake too.
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_PATH=/usr/share/nodejs  # emcc's optimizer needs Debian's acorn

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

# SIMD given explicitly: an existing build folder keeps its cached value of an option() otherwise.
build "${VOIGTFIT_WASM_BUILD:-build-wasm}" -DVOIGTFIT_WASM_THREADS=ON -DVOIGTFIT_WASM_SIMD=ON "$@"
build "${VOIGTFIT_WASM_BUILD:-build-wasm}-st" -DVOIGTFIT_WASM_THREADS=OFF -DVOIGTFIT_BUILD_TESTS=OFF \
  -DVOIGTFIT_WASM_SIMD=ON "$@"
