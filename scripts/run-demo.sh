#!/usr/bin/env bash
# Sets up (installs what is missing, builds), then runs the product on its
# embedded PostgreSQL with demo data: one hall per plan, demo people for
# every role, a kiosk per hall. With a display ($DISPLAY set) it also opens
# the duty desk and the Dongguan kiosk. Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh

PORT="${HALL_PORT:-7443}"
mkdir -p var
scripts/make-certs.sh var/tls
echo "==> demo data"
build/server/hallctl --data-dir var/db demo --out var/demo
# Two months of handled incidents behind the demo halls, so the statistics
# tab and the period reports have something to show (idempotent).
build/server/hallctl --data-dir var/db demo-history --days 60

cat <<INFO

==> starting the hall server on 127.0.0.1:${PORT} (TLS; CA: var/tls/ca.crt)
    sign in as duty.dongguan / demo-2026 (all demo sign-ins: var/demo/demo-credentials.txt)
    health:  grpc.health.v1.Health/Check;  reflection is on, so generic gRPC
             clients can list and call hall.v1.* services
    stop:    Ctrl-C
INFO
SERVER=(build/server/hall-server --data-dir var/db --listen "127.0.0.1:${PORT}"
        --tls-cert var/tls/server.crt --tls-key var/tls/server.key
        --clock-speed "${HALL_CLOCK_SPEED:-1}")
if [[ -z "${DISPLAY:-}" ]]; then
  exec "${SERVER[@]}"
fi

# With a display: the server in the background, then the duty desk and the
# Dongguan hall's kiosk (windowed). Ctrl-C (or closing both) stops it all.
echo "==> display ${DISPLAY}: opening the desk and the kiosk-dongguan-1 kiosk"
LOG=var/hall-server.log
"${SERVER[@]}" > >(tee "$LOG") 2>&1 &
SERVER_PID=$!
PIDS=()
stop() {
  trap - INT TERM EXIT
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  kill "$SERVER_PID" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap stop INT TERM EXIT
for _ in $(seq 1 240); do
  grep -q '^READY' "$LOG" 2>/dev/null && break
  kill -0 "$SERVER_PID" 2>/dev/null || { echo "the server stopped; see $LOG" >&2; exit 1; }
  sleep 0.5
done
grep -q '^READY' "$LOG" || { echo "the server did not start; see $LOG" >&2; exit 1; }
CLIENT=(--server "127.0.0.1:${PORT}" --ca var/tls/ca.crt --lang "${HALL_LANG:-zh}")
build/desk-client/hall-desk "${CLIENT[@]}" &
PIDS+=($!)
build/kiosk-client/hall-kiosk "${CLIENT[@]}" --windowed --kiosk-id kiosk-dongguan-1 \
  --secret-file var/demo/kiosk-dongguan-1.secret --queue var/kiosk-kiosk-dongguan-1.sqlite &
PIDS+=($!)
wait "$SERVER_PID"
