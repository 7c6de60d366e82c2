#!/usr/bin/env bash
# Makes the README's screenshots (docs/screenshots/*.png): a private server
# with demo data, a virtual 1920x1080 display (Xvfb), the kiosk and the desk
# each saving a picture of itself (--screenshot), in Chinese and English.
# Needs a build (scripts/setup.sh; another build directory with
# HALL_BUILD_DIR=…). Leaves nothing running.
set -euo pipefail
cd "$(dirname "$0")/.."
B="${HALL_BUILD_DIR:-build}"
W=$(mktemp -d /tmp/hall-shots.XXXXXX)
PORT="${HALL_SHOT_PORT:-7643}"
DISP="${HALL_SHOT_DISPLAY:-:97}"
OUT="${HALL_SHOT_OUT:-docs/screenshots}"
mkdir -p "$OUT"

scripts/make-certs.sh "$W/tls" >/dev/null
"$B/server/hallctl" --data-dir "$W/db" demo --out "$W/demo" >/dev/null

Xvfb "$DISP" -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 &
XPID=$!
"$B/server/hall-server" --data-dir "$W/db" --listen "127.0.0.1:$PORT" \
  --tls-cert "$W/tls/server.crt" --tls-key "$W/tls/server.key" >"$W/server.log" 2>&1 &
SPID=$!
cleanup() { kill "$SPID" "$XPID" 2>/dev/null || true; wait "$SPID" "$XPID" 2>/dev/null || true; rm -rf "$W"; }
trap cleanup EXIT
for _ in $(seq 1 120); do grep -q READY "$W/server.log" && break; sleep 0.5; done
grep -q READY "$W/server.log" || { cat "$W/server.log"; exit 1; }

export DISPLAY="$DISP"
COMMON=(--server "127.0.0.1:$PORT" --ca "$W/tls/ca.crt")
SECRET="$W/demo/kiosk-dongguan-1.secret"
kiosk() { "$B/kiosk-client/hall-kiosk" "${COMMON[@]}" --kiosk-id kiosk-dongguan-1 --secret-file "$SECRET" "$@"; }
seed() { "$B/tests/ui/screens_seed" "127.0.0.1:$PORT" "$W/tls/ca.crt" duty.dongguan demo-2026 \
           kiosk-dongguan-1 "$SECRET" "$@"; }

kiosk --queue "$W/idle.sqlite" --lang zh --screenshot "$OUT/kiosk-idle-zh.png" --screenshot-delay 3000
kiosk --queue "$W/idle.sqlite" --lang en --screenshot "$OUT/kiosk-idle-en.png" --screenshot-delay 3000
# Offline: a kiosk whose server is unreachable keeps the press and says so.
# It has been online before (its buttons and limits are the ones the server
# gave it, kept in its queue file).
for part in "" -wal -shm; do
  if [ -f "$W/idle.sqlite$part" ]; then cp "$W/idle.sqlite$part" "$W/offline.sqlite$part"; fi
done
"$B/kiosk-client/hall-kiosk" --server 127.0.0.1:1 --ca "$W/tls/ca.crt" --kiosk-id kiosk-dongguan-1 \
  --secret-file "$SECRET" --queue "$W/offline.sqlite" --press fire --lang zh \
  --screenshot "$OUT/kiosk-offline-zh.png" --screenshot-delay 4000

# A panic pressed on the kiosk, acknowledged at the desk while it looks.
kiosk --queue "$W/press.sqlite" --lang zh --press panic \
  --screenshot "$OUT/kiosk-acknowledged-zh.png" --screenshot-delay 6000 &
KP=$!
sleep 3
seed ack-latest panic
wait "$KP"
kiosk --queue "$W/press.sqlite" --lang en --screenshot "$OUT/kiosk-acknowledged-en.png" --screenshot-delay 3000

# The desk of the Jiaxiang hall (嘉祥), whose power-outage playbook has a
# 5-minute step: a board with an unacknowledged panic (it flashes and
# sounds) and a power outage being worked — one step done, one skipped —
# whose checklist is shown. With faketime installed the desk runs 6 minutes
# ahead, so the 5-minute step shows overdue (已超时).
echo demo-2026 >"$W/password"
SECRET_J="$W/demo/kiosk-jiaxiang-1.secret"
seedj() { "$B/tests/ui/screens_seed" "127.0.0.1:$PORT" "$W/tls/ca.crt" duty.jiaxiang demo-2026 \
            kiosk-jiaxiang-1 "$SECRET_J" "$@"; }
OUTAGE=$(seedj checklist jiaxiang-1)
seedj panic
# The hall's kiosk runs meanwhile, so the desk sees its heartbeats.
"$B/kiosk-client/hall-kiosk" "${COMMON[@]}" --kiosk-id kiosk-jiaxiang-1 --secret-file "$SECRET_J" \
  --queue "$W/jiaxiang.sqlite" --lang zh >/dev/null 2>&1 &
JK=$!
sleep 2
LATER=()
if command -v faketime >/dev/null; then
  LATER=(env FAKETIME_DONT_FAKE_MONOTONIC=1 faketime -f +6m)
else
  echo "screenshots: faketime not installed; the overdue step will show its remaining time instead" >&2
fi
desk() { "${LATER[@]}" "$B/desk-client/hall-desk" "${COMMON[@]}" --user duty.jiaxiang \
           --password-file "$W/password" "$@"; }
desk --lang zh --select-incident "$OUTAGE" --select-step inform_everyone --screenshot "$OUT/desk-zh.png"
desk --lang en --select-incident "$OUTAGE" --select-step inform_everyone --screenshot "$OUT/desk-en.png"
# The 预案 tab: the hall's playbook for a category, read without an incident.
desk --lang zh --show-playbook power_outage --screenshot "$OUT/desk-playbook-zh.png"
desk --lang en --show-playbook power_outage --screenshot "$OUT/desk-playbook-en.png"
kill "$JK" 2>/dev/null || true
wait "$JK" 2>/dev/null || true
ls -l "$OUT"
