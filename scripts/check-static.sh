#!/usr/bin/env bash
# Static checks the test command runs before the tests:
#  1. every C++ file follows .clang-format (clang-format --dry-run -Werror);
#  2. the server builds with clang and -Wthread-safety -Werror=thread-safety,
#     so a member marked GUARDED_BY(mu) that is touched without mu held is
#     a compile error (build-tsa/, server only, no Qt).
set -euo pipefail
cd "$(dirname "$0")/.."

echo "==> clang-format"
mapfile -t files < <(git ls-files '*.cpp' '*.h' 2>/dev/null || find server client-core desk-client kiosk-client tests -name '*.cpp' -o -name '*.h')
clang-format --dry-run -Werror "${files[@]}"

echo "==> thread-safety analysis (clang, build-tsa/)"
if [[ ! -f build-tsa/build.ninja ]]; then
  cmake -S . -B build-tsa -G Ninja -DCMAKE_BUILD_TYPE=Debug \
    -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
    -DHALL_BUILD_CLIENTS=OFF -DHALL_BUILD_TESTS=OFF \
    "-DCMAKE_CXX_FLAGS=-Wthread-safety -Werror=thread-safety" >/dev/null
fi
cmake --build build-tsa -j "${HALL_BUILD_JOBS:-2}" --target hall-server hallctl
