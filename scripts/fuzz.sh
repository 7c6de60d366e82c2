#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz; clang, ASan + UBSan, in
# build-asan/, which scripts/check-sanitizers.sh shares) and runs each for a
# bounded time, starting from its seed corpus in tests/fuzz/corpus/<name>/.
# Fails on any crash, sanitizer report, leak, time-out or broken contract.
#
#   HALL_FUZZ_SECONDS   seconds per target (default 60)
#   HALL_FUZZ_TARGETS   which targets (default: all that were built)
# A crash leaves its input in build-asan/fuzz-artifacts/; reproduce with
#   build-asan/tests/fuzz/<target> build-asan/fuzz-artifacts/crash-…
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/sanitize-common.sh

seconds="${HALL_FUZZ_SECONDS:-60}"
targets=(${HALL_FUZZ_TARGETS:-request_fuzzer playbook_fuzzer press_queue_fuzzer})

echo "==> building the fuzzers ($HALL_ASAN_DIR/)"
configure_asan
built=()
# Listed once, then searched: `ninja … | grep -q` under pipefail fails
# whenever grep's early exit cuts ninja off (SIGPIPE), as the list grows.
all_targets=$(ninja -C "$HALL_ASAN_DIR" -t targets all)
for t in "${targets[@]}"; do
  # press_queue_fuzzer needs Qt6 Core; CMake leaves it out where Qt is missing.
  if grep -q "^$t:" <<<"$all_targets"; then built+=("$t"); fi
done
if ((${#built[@]} == 0)); then
  echo "fuzz.sh: none of ${targets[*]} is a target of $HALL_ASAN_DIR/" >&2
  exit 1
fi
cmake --build "$HALL_ASAN_DIR" -j "$HALL_JOBS" --target "${built[@]}"

artifacts="$HALL_ASAN_DIR/fuzz-artifacts"
mkdir -p "$artifacts"
status=0
for t in "${built[@]}"; do
  seeds="tests/fuzz/corpus/${t%_fuzzer}"
  work="$(mktemp -d)"  # new inputs go here; the committed seeds stay as they are
  echo "==> fuzzing $t for ${seconds}s (seeds: $seeds)"
  start=$SECONDS
  if ! "$HALL_ASAN_DIR/tests/fuzz/$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
      -print_final_stats=1 -artifact_prefix="$artifacts/$t-" "$work" "$seeds" \
      >"$artifacts/$t.log" 2>&1; then
    echo "!! $t failed; the last lines of $artifacts/$t.log:"
    tail -n 60 "$artifacts/$t.log"
    status=1
  else
    grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$artifacts/$t.log" | tr '\n' ' '
    echo "($((SECONDS - start))s)"
  fi
  rm -rf "$work"
done
exit $status
