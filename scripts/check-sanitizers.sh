#!/usr/bin/env bash
# The server and its tests under the sanitizers (clang, server only):
#  1. AddressSanitizer + UndefinedBehaviorSanitizer (-fno-sanitize-recover:
#     undefined behaviour fails the test), build-asan/: every test labelled
#     "sanitize" (unit, store, api; the fault test and the Qt suites are
#     left to the normal build);
#  2. ThreadSanitizer, build-tsan/: the concurrent parts, labelled "tsan"
#     (event log and feed, timers, the escalation engine, watch streams,
#     the write path under load).
# Suppressions, each with its reason: tests/sanitize/{lsan,tsan}.supp.
#   HALL_SANITIZERS=asan|tsan   only one of the two (default both)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/sanitize-common.sh
which="${HALL_SANITIZERS:-asan tsan}"

if [[ " $which " == *" asan "* ]]; then
  echo "==> ASan + UBSan: building ($HALL_ASAN_DIR/)"
  start=$SECONDS
  configure_asan
  cmake --build "$HALL_ASAN_DIR" -j "$HALL_JOBS"
  echo "    built in $((SECONDS - start))s"
  start=$SECONDS
  echo "==> ASan + UBSan: running the 'sanitize' slice"
  ctest --test-dir "$HALL_ASAN_DIR" -L sanitize --output-on-failure -j1 "$@"
  echo "    ran in $((SECONDS - start))s"
fi

if [[ " $which " == *" tsan "* ]]; then
  echo "==> ThreadSanitizer: building ($HALL_TSAN_DIR/)"
  start=$SECONDS
  configure_tsan
  mapfile -t tsan_tests < <(cd "$HALL_TSAN_DIR" && ctest -N -L tsan | sed -n 's/^ *Test *#[0-9]*: //p')
  cmake --build "$HALL_TSAN_DIR" -j "$HALL_JOBS" --target "${tsan_tests[@]}"
  echo "    built in $((SECONDS - start))s"
  start=$SECONDS
  echo "==> ThreadSanitizer: running the 'tsan' slice"
  # The shim (tests/sanitize/grpc_tsan_shim.c says what it tells TSan), then
  # libgrpc itself: libgrpc++ carries copies of some of gRPC core's inline
  # code (metadata maps, through its C++ filter API) and, first in the
  # search order, would run them for libgrpc, so TSan would take core's
  # frees of its own buffers for libgrpc++'s. Preloaded, libgrpc runs its
  # own, and tsan.supp's called_from_lib:libgrpc.so covers them.
  libgrpc=$(ldd "$HALL_TSAN_DIR/tests/${tsan_tests[0]}" | awk '$1 ~ /^libgrpc\.so/ {print $3}')
  [[ -f "$libgrpc" ]] || { echo "check-sanitizers: libgrpc not found for the preload" >&2; exit 1; }
  LD_PRELOAD="$PWD/$HALL_TSAN_DIR/libgrpc_tsan_shim.so $libgrpc" \
    ctest --test-dir "$HALL_TSAN_DIR" -L tsan --output-on-failure -j1 "$@"
  echo "    ran in $((SECONDS - start))s"
fi
