#!/usr/bin/env bash
# Builds the libFuzzer targets with clang in build/fuzz and runs them for a fixed time
# (ctest label "fuzz"). Needs: clang, libclang-rt-14-dev (Debian 12).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh clang libclang-rt-14-dev
BUILD=${BUILD:-build/fuzz}
CC=${CC:-clang} CXX=${CXX:-clang++} cmake -S . -B "$BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DSV_FUZZ=ON -DSV_BUILD_BENCH=OFF
cmake --build "$BUILD" -j"$(nproc)" --target fuzz_stretch_parser
ctest --test-dir "$BUILD" -L fuzz --output-on-failure
