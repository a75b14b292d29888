#!/usr/bin/env bash
# One command to get the visualiser on screen: installs what is missing, builds the release
# preset and launches stretchviz. Extra arguments go to the program (see --help).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release -j"$(nproc)" --target stretchviz
exec build/release/src/app/stretchviz "$@"
