#!/usr/bin/env bash
# Static checks the test command runs before the tests:
#  1. every C++ file follows .clang-format (clang-format --dry-run -Werror);
#  2. the server builds with clang and -Wthread-safety -Werror=thread-safety,
#     so a member marked GUARDED_BY(mu) that is touched without mu held is
#     a compile error. It is compiled in the ASan build (build-asan/, which
#     carries those flags; scripts/sanitize-common.sh) rather than a build
#     of its own: the sanitizer run then reuses the same objects, instead of
#     CI compiling the server once more for the analysis alone.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/sanitize-common.sh

echo "==> clang-format"
mapfile -t files < <(git ls-files '*.cpp' '*.h' 2>/dev/null || find server client-core desk-client kiosk-client tests -name '*.cpp' -o -name '*.h')
clang-format --dry-run -Werror "${files[@]}"

echo "==> thread-safety analysis (clang, $HALL_ASAN_DIR/)"
configure_asan
cmake --build "$HALL_ASAN_DIR" -j "$HALL_JOBS" --target hall-server hallctl
