# Flags of the WebAssembly builds that must reach every object (engine, bindings, GoogleTest):
# included by the top-level CMakeLists.txt before any target when EMSCRIPTEN.
#
# One configure per module, from the same sources (only these flags differ, as Squoosh's
# avif_enc.js / avif_enc_mt.js):
#   VOIGTFIT_WASM_THREADS=ON  (build-wasm)     -> wasm/voigtfit_mt.{js,wasm,worker.js}: pthreads
#   VOIGTFIT_WASM_THREADS=OFF (build-wasm-st)  -> wasm/voigtfit_st.{js,wasm}: no pthreads
# Each flag below says which Emscripten 3.1.6 trap it avoids.
option(VOIGTFIT_WASM_THREADS "pthreads build (voigtfit_mt); OFF: single-threaded (voigtfit_st)" ON)
# -msimd128 by default: LLVM then vectorizes Eigen's fixed-size loops, the part of a fit
# that runs scalar in wasm. Measured (bench/wasm_bench.mjs, 600 peaks 4096 x 1024, Node 20, at
# c23213c): wasm / native time 2.01x -> 1.74x (mt, 1 thread), 2.05x -> 1.68x (2 threads), 1.98x
# -> 1.69x (st); result bytes identical with and without (fit, series and JSON exports). Every
# browser since 2023 (Chrome 91, Firefox 89, Safari 16.4) and Node 16.4+ run wasm SIMD; the page
# says so when one does not (web/engine-worker.js).
option(VOIGTFIT_WASM_SIMD "compile with -msimd128 (LLVM auto-vectorization)" ON)

# C++ exceptions must be catchable everywhere (LBFGSpp throws on line-search
# failures, readers throw on bad input): -fexceptions on every compile and on the link. And
# not -fwasm-exceptions, which Debian's frozen cache cannot combine with -pthread.
add_compile_options(-fexceptions)
add_link_options(-fexceptions)
# -pthread on every object, or wasm-ld refuses to link gtest into a shared-memory module.
if(VOIGTFIT_WASM_THREADS)
  add_compile_options(-pthread)
  add_link_options(-pthread)
endif()
# Never -msse*; -msimd128 lets LLVM vectorize Eigen's fixed-size loops.
if(VOIGTFIT_WASM_SIMD)
  add_compile_options(-msimd128)
  add_link_options(-msimd128)
endif()

# emcc's link step runs acorn from Debian's /usr/share/nodejs, which nodesource's node does
# not search; set NODE_PATH for every link, whatever the caller's environment.
set(CMAKE_CXX_LINKER_LAUNCHER ${CMAKE_COMMAND} -E env NODE_PATH=/usr/share/nodejs)

# emcmake passes node with --experimental-wasm-threads (removed in Node 20) and the
# toolchain file passes bare nodejs, whose fetch() cannot load a path: run ctest's executables
# (and gtest_discover_tests) with node --no-experimental-fetch instead.
if(NOT CMAKE_CROSSCOMPILING_EMULATOR MATCHES "no-experimental-fetch")
  find_program(VOIGTFIT_NODE NAMES node nodejs REQUIRED)
  set(CMAKE_CROSSCOMPILING_EMULATOR "${VOIGTFIT_NODE};--no-experimental-fetch"
      CACHE STRING "runs wasm executables under ctest" FORCE)
endif()
