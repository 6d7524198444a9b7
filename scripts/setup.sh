#!/usr/bin/env bash
# Installs what voigtfit needs on a fresh Debian 12 machine (run as root), skipping what is there.
# Debian packages come from scripts/setup.d/*.packages (one name per line); npm projects are
# installed where a scripts/setup.d/*.npm file names their folder.
set -euo pipefail
cd "$(dirname "$0")/.."

mapfile -t packages < <(cat scripts/setup.d/*.packages | sed 's/#.*//' | grep -v '^\s*$')
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" > /dev/null
fi

for f in scripts/setup.d/*.npm; do
  [ -e "$f" ] || continue
  while read -r dir; do
    [ -z "$dir" ] && continue
    if [ ! -d "$dir/node_modules" ]; then
      echo "setup: npm install in $dir"
      (cd "$dir" && npm install --no-audit --no-fund --loglevel=error)
    fi
  done < <(sed 's/#.*//' "$f" | grep -v '^\s*$')
done
