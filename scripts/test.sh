#!/usr/bin/env bash
# One command to check everything: installs what is missing, builds the debug preset
# (AddressSanitizer + UndefinedBehaviorSanitizer) and runs the whole test suite. Needs no
# display and no GPU: GL tests render headless through EGL (Mesa llvmpipe) or under xvfb-run.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake --preset debug >/dev/null
cmake --build --preset debug -j"$(nproc)"
ctest --preset debug -j"$(nproc)" -LE fuzz
