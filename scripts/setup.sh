#!/usr/bin/env bash
# Installs what is missing (Debian 12 packages, through sudo when not root)
# and builds everything into build/. Safe to run again: it only does what is
# not done yet. Used by run-demo.sh and test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(
  # build
  build-essential cmake ninja-build pkg-config git
  # server
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler
  libspdlog-dev libsodium-dev libpq-dev postgresql openssl libcpp-httplib-dev
  # clients (Qt 6) and their tests
  qt6-base-dev qt6-declarative-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  qt6-multimedia-dev libqt6sql6-sqlite qml6-module-qtquick qml6-module-qtquick-controls
  qml6-module-qtquick-layouts qml6-module-qtquick-window qml6-module-qtquick-templates
  qml6-module-qtquick-shapes qml6-module-qttest qml6-module-qtqml-workerscript
  qml6-module-qtmultimedia fonts-noto-cjk xvfb xauth
  # the desk's QR code of a kiosk enrollment code
  libqrencode-dev
  # the desk's dashboard (Qt Charts) and hall floor plans drawn as SVG
  qt6-charts-dev qt6-svg-dev
  # screenshots (scripts/screenshots.sh shows an overdue step with it)
  faketime
  # the incident report test reads the PDF back (pdftotext, pdftoppm)
  poppler-utils
  # tests, and the static checks (clang-format, clang's thread-safety analysis)
  libgtest-dev libgmock-dev clang clang-format
  # the sanitizer builds and fuzzers (check-sanitizers.sh, fuzz.sh): clang's
  # runtimes (libFuzzer, ASan, TSan …; only recommended by clang, so not
  # pulled in by --no-install-recommends) and llvm-symbolizer for the stacks
  libclang-rt-14-dev llvm-14
  # the benchmarks' peer (scripts/bench.sh): an MQTT broker and its client
  # library, and taskset to pin each side to a core
  mosquitto libmosquitto-dev util-linux
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "==> installing ${#missing[@]} Debian package(s): ${missing[*]}"
  SUDO=""
  [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

echo "==> building (build/)"
if [[ ! -f build/build.ninja ]]; then
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi
# Two cores and a few GiB per compiler: -j2 is the machine's size.
cmake --build build -j "${HALL_BUILD_JOBS:-2}"
