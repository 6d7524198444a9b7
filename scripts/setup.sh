#!/usr/bin/env bash
# Installs what voigtfit needs on a fresh Debian 12 machine (run as root), skipping what is there.
set -euo pipefail

packages=(build-essential cmake libeigen3-dev liblbfgspp-dev libgtest-dev googletest libbenchmark-dev)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}"
fi
