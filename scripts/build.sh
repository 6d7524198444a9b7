#!/usr/bin/env bash
# Configures and builds the native tree in build/ (Release); shows the log only on failure.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p build
log=build/build.log
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release > "$log" 2>&1 || { cat "$log"; exit 1; }
cmake --build build -j"$(nproc)" >> "$log" 2>&1 || { grep -E "error|Error" -A3 "$log" | head -80; exit 1; }
