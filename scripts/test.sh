#!/usr/bin/env bash
# Sets up (installs what is missing, builds), runs the static checks
# (formatting, clang's thread-safety analysis: scripts/check-static.sh) and
# every test suite. PostgreSQL-backed tests start their own private
# database; GUI tests run offscreen. Benchmarks are built but not run (see
# docs/performance.md). HALL_SKIP_STATIC=1 skips the static checks.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
if [[ "${HALL_SKIP_STATIC:-0}" != 1 ]]; then
  scripts/check-static.sh
fi
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
echo "==> running tests"
ctest --test-dir build --output-on-failure -j1 "$@"
scripts/check-logs-for-secrets.sh
