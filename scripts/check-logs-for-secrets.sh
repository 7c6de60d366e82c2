#!/usr/bin/env bash
# After a test run: no password, device secret or bearer token may appear
# in any log line. Greps the test run's logs (ctest's LastTest.log holds
# every test's output, the servers' logs included) for the secrets the
# tests use and for anything shaped like a token after "Bearer".
set -euo pipefail
cd "$(dirname "$0")/.."
log="build/Testing/Temporary/LastTest.log"
[[ -f "$log" ]] || { echo "no test log at $log"; exit 1; }
# The tests' own secrets (tests/support/test_server.h, hallctl demo).
patterns=('password-123' 'kiosk-secret-123' 'demo-2026' 'Bearer [A-Za-z0-9_-]{20,}' 'wrong-password')
found=0
for p in "${patterns[@]}"; do
  # Into a variable, not `… | grep -q`: under pipefail a stage cut off by
  # an early exit (SIGPIPE) would fail the pipeline and hide a hit.
  hits=$(grep -E -n -- "$p" "$log" | grep -v -E '^[0-9]+:[0-9]+/[0-9]+ Test' | head -3 || true)
  if [[ -n "$hits" ]]; then
    echo "secret-looking text in the test logs: /$p/"
    echo "$hits"
    found=1
  fi
done
if ((found)); then exit 1; fi
echo "==> no secrets in $(wc -l < "$log") lines of test logs"
