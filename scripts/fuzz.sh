#!/usr/bin/env bash
# Builds the libFuzzer targets with clang in build/fuzz and runs each for a fixed time
# (ctest label "fuzz"; SECONDS_PER_TARGET=<n>, default 20): the stretch parser, the model
# loader (glTF reader + importer), pose files and settings. Needs: clang, libclang-rt-14-dev
# (Debian 12).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh clang libclang-rt-14-dev
BUILD=${BUILD:-build/fuzz}
CC=${CC:-clang} CXX=${CXX:-clang++} cmake -S . -B "$BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DSV_FUZZ=ON -DSV_BUILD_BENCH=OFF -DSV_FUZZ_SECONDS="${SECONDS_PER_TARGET:-20}"
cmake --build "$BUILD" -j"$(nproc)" --target fuzz_stretch_parser fuzz_model_loader \
  fuzz_pose_file fuzz_settings
ctest --test-dir "$BUILD" -L fuzz --output-on-failure
