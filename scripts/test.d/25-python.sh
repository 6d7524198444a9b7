#!/usr/bin/env bash
# The Python module and the installed library. pytest runs tests/python against the module in
# build/python (scripts/build.sh built it, with the Python CMake chose: Debian's python3, whose
# numpy and pytest setup.sh installs). Then `cmake --install build` into a temporary prefix, and
# tests/install_consumer is built against it twice, through find_package(voigtfit) and through
# pkg-config, and run. Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/../.."
py=$(sed -n 's/^PYTHON_EXECUTABLE:FILEPATH=//p' build/CMakeCache.txt)
if ! compgen -G "build/python/voigtfit*.so" > /dev/null; then
  echo "25-python: no module in build/python (is pybind11-dev installed? VOIGTFIT_BUILD_PYTHON is $(
    sed -n 's/^VOIGTFIT_BUILD_PYTHON:BOOL=//p' build/CMakeCache.txt))"
  exit 1
fi
PYTHONPATH=build/python "${py:-python3}" -m pytest -q -p no:cacheprovider tests/python

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cmake --install build --prefix "$tmp/prefix" > "$tmp/install.log"
cmake -S tests/install_consumer -B "$tmp/consumer" -DCMAKE_PREFIX_PATH="$tmp/prefix" \
  -DCMAKE_BUILD_TYPE=Release > "$tmp/consumer.log" 2>&1 || { cat "$tmp/consumer.log"; exit 1; }
cmake --build "$tmp/consumer" >> "$tmp/consumer.log" 2>&1 || { cat "$tmp/consumer.log"; exit 1; }
"$tmp/consumer/consumer"
pc_dir=$(dirname "$(find "$tmp/prefix" -name voigtfit.pc)")
# shellcheck disable=SC2046  # pkg-config's flags are words
c++ -std=c++17 -O2 tests/install_consumer/main.cc -o "$tmp/consumer_pc" \
  $(PKG_CONFIG_PATH="$pc_dir" pkg-config --cflags --libs voigtfit)
"$tmp/consumer_pc"
echo "25-python: module tests and the installed library's consumer (CMake and pkg-config) passed"
