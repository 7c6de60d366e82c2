#!/usr/bin/env bash
# Sets up (installs what is missing, builds), runs the static checks
# (formatting, clang's thread-safety analysis: scripts/check-static.sh) and
# every test suite. PostgreSQL-backed tests start their own private
# database; GUI tests run offscreen. Benchmarks are built but not run (see
# docs/performance.md). Then the sanitizer builds (scripts/check-sanitizers.sh:
# ASan + UBSan and ThreadSanitizer, clang) and the fuzzers, each for a
# bounded time (scripts/fuzz.sh). HALL_SKIP_STATIC=1, HALL_SKIP_SANITIZERS=1
# and HALL_SKIP_FUZZ=1 skip those parts; HALL_FUZZ_SECONDS sets the time per
# fuzzer (60 s by default).
set -euo pipefail
cd "$(dirname "$0")/.."
# A CI run once stopped for want of disk: say what there was, and on the
# way out what the build trees take, so the next such failure reads plainly.
echo "==> disk: $(df -h --output=avail . | tail -1 | tr -d ' ') free here"
# What a fresh clone's run takes (docs/performance.md, "Build and CI time").
if (($(df -k --output=avail . | tail -1) < 8 * 1024 * 1024)); then
  echo "    warning: a run from a fresh clone takes about 7.5 GB; it may run out" >&2
fi
trap 'echo "==> disk: the build trees take $(du -shc build build-asan build-tsan 2>/dev/null | tail -1 | cut -f1)"' EXIT
scripts/setup.sh
if [[ "${HALL_SKIP_STATIC:-0}" != 1 ]]; then
  scripts/check-static.sh
fi
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
echo "==> running tests"
ctest --test-dir build --output-on-failure -j1 "$@"
scripts/check-logs-for-secrets.sh
if [[ "${HALL_SKIP_SANITIZERS:-0}" != 1 ]]; then
  # ASan + UBSan, then ThreadSanitizer (its hand-offs through Debian's
  # uninstrumented gRPC annotated rather than suppressed: docs/security.md).
  # HALL_SANITIZERS=asan or =tsan runs one of them.
  scripts/check-sanitizers.sh
fi
if [[ "${HALL_SKIP_FUZZ:-0}" != 1 ]]; then
  scripts/fuzz.sh
fi
