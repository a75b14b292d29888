#!/usr/bin/env bash
# Builds the release preset and runs every benchmark program; each prints lines of the form
# `BENCH <name> <value> <unit>`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh >/dev/null
cmake --preset release >/dev/null
cmake --build --preset release -j"$(nproc)"
status=0
for b in $(find build/release/bench -type f -name 'bench_*' -perm -u+x | sort); do
  "$b" || { echo "bench: $b failed" >&2; status=1; }
done
exit $status
