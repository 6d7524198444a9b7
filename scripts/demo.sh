#!/usr/bin/env bash
# Sets up, builds and runs the main job: simulate a 150-peak HSQC, fit it, compare with the truth.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
./build/native/voigtfit demo
