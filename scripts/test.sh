#!/usr/bin/env bash
# Sets up (installs what is missing, builds) and runs every test suite.
# PostgreSQL-backed tests start their own private database; GUI tests run
# offscreen. Benchmarks are built but not run (see docs/performance.md).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
echo "==> running tests"
ctest --test-dir build --output-on-failure -j1 "$@"
