#!/usr/bin/env bash
# Installs the Debian 12 packages stretchviz needs to build, run and test, and only those that
# are missing. Idempotent: a second run installs nothing. Uses sudo when not root.
# Extra package names given as arguments are installed too (scripts/fuzz.sh adds clang).
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake pkg-config
  # libraries (see docs/architecture.md for what each module uses)
  libglfw3-dev libglm-dev libimgui-dev libassimp-dev zlib1g-dev libstb-dev
  nlohmann-json3-dev libcli11-dev libmeshoptimizer-dev
  # handouts (PDF laid out with cairo + pango) and clips (FFmpeg's libraries, never its binary)
  libcairo2-dev libpango1.0-dev
  libavcodec-dev libavformat-dev libswscale-dev libavutil-dev
  # OpenGL: EGL for headless rendering, Mesa's software rasteriser, a virtual X server
  libegl-dev libgl1-mesa-dri xvfb xauth
  # tests (poppler-utils: pdftoppm and pdftotext check the handouts)
  catch2 poppler-utils
  # UI fonts (the app falls back to ImGui's built-in font without them)
  fonts-inter fonts-dejavu-core
)
packages+=("$@")
# Node.js runs the Khronos glTF validator in the tests. A machine that already has node and
# npm (from any source) keeps them: Debian's npm package would conflict with other builds.
if ! command -v npm >/dev/null 2>&1; then
  packages+=(nodejs npm)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages are already installed"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
  else
    echo "install-deps: need root or sudo to install: ${missing[*]}" >&2
    exit 1
  fi
fi

echo "install-deps: installing ${#missing[@]} missing package(s): ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
echo "install-deps: done"
