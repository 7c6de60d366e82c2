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
# Two months of handled incidents behind the demo halls, for the dashboard.
"$B/server/hallctl" --data-dir "$W/db" demo-history --days 60 >/dev/null

Xvfb "$DISP" -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 &
XPID=$!
"$B/server/hall-server" --data-dir "$W/db" --listen "127.0.0.1:$PORT" \
  --tls-cert "$W/tls/server.crt" --tls-key "$W/tls/server.key" >"$W/server.log" 2>&1 &
SPID=$!
PP=""
JK=""
cleanup() {
  kill $PP $JK "$SPID" "$XPID" 2>/dev/null || true
  wait $PP $JK "$SPID" "$XPID" 2>/dev/null || true
  rm -rf "$W"
}
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

# The Jiaxiang hall (嘉祥). The escalation engine alerts only people at a
# desk (or reached by a notifier), so some of the hall's people keep a desk
# open throughout (a watch each): the hall head, one of the emergency
# office (应急办) and the group leader; the others are away.
echo demo-2026 >"$W/password"
SECRET_J="$W/demo/kiosk-jiaxiang-1.secret"
seedj() { "$B/tests/ui/screens_seed" "127.0.0.1:$PORT" "$W/tls/ca.crt" duty.jiaxiang demo-2026 \
            kiosk-jiaxiang-1 "$SECRET_J" "$@"; }
# demo-credentials.txt: "user  role  hall  tier / title"; the first of a tier.
user_of() { awk -v t="$1" '$3 == "jiaxiang-1" && $4 == t { print $1; exit }' "$W/demo/demo-credentials.txt"; }
OFFICE=$(user_of emergency_office)
LEADER=$(user_of leadership_group)
"$B/tests/ui/screens_seed" "127.0.0.1:$PORT" "$W/tls/ca.crt" duty.jiaxiang demo-2026 \
  kiosk-jiaxiang-1 "$SECRET_J" presence head.jiaxiang "$OFFICE" "$LEADER" &
PP=$!
sleep 2
# A board with an unacknowledged panic and a power outage being worked —
# one step done, one skipped — whose playbook has a 5-minute step.
OUTAGE=$(seedj checklist jiaxiang-1)
seedj panic
PANIC=$(seedj id panic)
# A stuck panic button: eleven more presses fold into the open panic (the
# board says ×12 and rang once).
for _ in $(seq 1 11); do seedj raise panic "按钮卡住" >/dev/null; done
# The hall's kiosk runs meanwhile, so the desk sees its heartbeats.
"$B/kiosk-client/hall-kiosk" "${COMMON[@]}" --kiosk-id kiosk-jiaxiang-1 --secret-file "$SECRET_J" \
  --queue "$W/jiaxiang.sqlite" --lang zh >/dev/null 2>&1 &
JK=$!
sleep 2
# Six minutes later: the server is stopped and started again on a clock six
# minutes ahead (faketime). Its durable timers due meanwhile fire once: the
# 5-minute step is recorded overdue (STEP_OVERDUE) by the server, and the
# unacknowledged chains time out to their next stage.
# libfaketime is preloaded directly (not through the faketime wrapper), so
# $! is the server itself and the cleanup stops it.
FAKETIME_LIB=$(ls /usr/lib/*/faketime/libfaketime.so.1 2>/dev/null | head -1 || true)
if [ -n "$FAKETIME_LIB" ]; then
  kill "$SPID"
  wait "$SPID" 2>/dev/null || true
  LD_PRELOAD="$FAKETIME_LIB" FAKETIME="+6m" FAKETIME_DONT_FAKE_MONOTONIC=1 \
    "$B/server/hall-server" --data-dir "$W/db" \
    --listen "127.0.0.1:$PORT" --tls-cert "$W/tls/server.crt" --tls-key "$W/tls/server.key" \
    >"$W/server-later.log" 2>&1 &
  SPID=$!
  for _ in $(seq 1 120); do grep -q READY "$W/server-later.log" && break; sleep 0.5; done
  grep -q READY "$W/server-later.log" || { cat "$W/server-later.log"; exit 1; }
  sleep 8  # the open desks are back
else
  echo "screenshots: libfaketime not installed; the 5-minute step will show its remaining time" >&2
fi

desk() { "$B/desk-client/hall-desk" "${COMMON[@]}" --password-file "$W/password" "$@"; }
# A dispute at a window: stage 0 (the zone leader and the hall head) at
# once; the duty officer escalates it by hand to the emergency office; the
# desk shows the chain: two stages alerted, who and why, and the time left
# before the leadership group.
# Reported by the duty officer at a window (the kiosk's own conflict report
# is open, and a second one from it would fold into that).
CHAIN=$(seedj report conflict "1号窗口两名群众争执升级，有推搡" jiaxiang-1 jiaxiang-window-1)
sleep 1
seedj escalate "$CHAIN" "现场情绪激动，请应急办到场协调"
ESCALATED_AT=$(date +%s)
sleep 8
desk --user duty.jiaxiang --lang zh --select-incident "$CHAIN" --detail-tab chain \
  --screenshot "$OUT/desk-chain-zh.png"
desk --user duty.jiaxiang --lang en --select-incident "$CHAIN" --detail-tab chain \
  --screenshot "$OUT/desk-chain-en.png"
# HALL_SHOT_SMALL=1: the same on a 1366×768 screen, to check the layout
# (not in the README).
if [ -n "${HALL_SHOT_SMALL:-}" ]; then
  desk --user duty.jiaxiang --lang zh --select-incident "$CHAIN" --detail-tab chain --size 1366x768 \
    --screenshot "$OUT/desk-chain-1366-zh.png"
  desk --user duty.jiaxiang --lang en --select-incident "$OUTAGE" --size 1366x768 \
    --screenshot "$OUT/desk-1366-en.png"
fi
# The duty desk on the power outage: its checklist with the step the server
# recorded overdue (已超时).
desk --user duty.jiaxiang --lang zh --select-incident "$OUTAGE" --select-step inform_everyone \
  --screenshot "$OUT/desk-zh.png"
desk --user duty.jiaxiang --lang en --select-incident "$OUTAGE" --select-step inform_everyone \
  --screenshot "$OUT/desk-en.png"
# The 预案 tab: the hall's playbook for a category, read without an incident.
desk --user duty.jiaxiang --lang zh --show-playbook power_outage --screenshot "$OUT/desk-playbook-zh.png"
desk --user duty.jiaxiang --lang en --show-playbook power_outage --screenshot "$OUT/desk-playbook-en.png"
# The floor plan (平面图) of the Jiaxiang hall: its kiosk at the entrance
# (online: it runs meanwhile), the unacknowledged panic there, the dispute
# at window 1 escalated by hand, the outage, and the zones upstairs.
desk --user duty.jiaxiang --lang zh --show-floor-plan jiaxiang-1 \
  --screenshot "$OUT/desk-floorplan-zh.png"
desk --user duty.jiaxiang --lang en --show-floor-plan jiaxiang-1 \
  --screenshot "$OUT/desk-floorplan-en.png"
# The hall head's 值班与联络 tab: who each tier reaches now, the positions.
desk --user head.jiaxiang --lang zh --show-setup 0 --screenshot "$OUT/desk-setup-zh.png"
desk --user head.jiaxiang --lang en --show-setup 0 --screenshot "$OUT/desk-setup-en.png"
# The group leader's desk once the dispute's last time-out has passed
# (nobody acknowledged it): 升级给我 lists it with the panic (alerted at once,
# 嘉祥 三(一)) and the fire drill, acknowledged meanwhile by the duty officer.
seedj ack-latest fire
while [ $(($(date +%s) - ESCALATED_AT)) -lt 128 ]; do sleep 1; done
desk --user "$LEADER" --lang zh --select-incident "$PANIC" --detail-tab chain \
  --screenshot "$OUT/desk-escalated-zh.png"
desk --user "$LEADER" --lang en --select-incident "$PANIC" --detail-tab chain \
  --screenshot "$OUT/desk-escalated-en.png"
kill "$JK" 2>/dev/null || true
wait "$JK" 2>/dev/null || true
# The administrator's tab: an enrollment code (text and QR code) for a new
# kiosk at the waiting area (its audit log is taken at the end, when the
# drill has added its rows).
desk --user admin --lang zh --show-admin 0 \
  --enroll "jiaxiang-1/jiaxiang-waiting/kiosk-jiaxiang-2/休息等候区终端" \
  --screenshot "$OUT/desk-admin-enroll-zh.png"
desk --user admin --lang en --show-admin 0 \
  --enroll "jiaxiang-1/jiaxiang-waiting/kiosk-jiaxiang-2/Waiting area kiosk" \
  --screenshot "$OUT/desk-admin-enroll-en.png"
# A new kiosk's first run: no credential yet, it asks for its code.
"$B/kiosk-client/hall-kiosk" "${COMMON[@]}" --secret-file "$W/new/kiosk.secret" \
  --queue "$W/new.sqlite" --lang zh --screenshot "$OUT/kiosk-enroll-zh.png" --screenshot-delay 2000
"$B/kiosk-client/hall-kiosk" "${COMMON[@]}" --secret-file "$W/new/kiosk.secret" \
  --queue "$W/new.sqlite" --lang en --screenshot "$OUT/kiosk-enroll-en.png" --screenshot-delay 2000
# The panic button pressed again on the Jiaxiang kiosk while its panic is
# open: the press folds into it (已并入正在处理的报警), which the chain
# escalated to the leadership group at once (嘉祥 三(一)); the card says both.
"$B/kiosk-client/hall-kiosk" "${COMMON[@]}" --kiosk-id kiosk-jiaxiang-1 --secret-file "$SECRET_J" \
  --queue "$W/jiaxiang.sqlite" --lang zh --press panic \
  --screenshot "$OUT/kiosk-escalated-zh.png" --screenshot-delay 6000
"$B/kiosk-client/hall-kiosk" "${COMMON[@]}" --kiosk-id kiosk-jiaxiang-1 --secret-file "$SECRET_J" \
  --queue "$W/jiaxiang.sqlite" --lang en --screenshot "$OUT/kiosk-escalated-en.png" \
  --screenshot-delay 4000
kill "$PP" 2>/dev/null || true
wait "$PP" 2>/dev/null || true

# Leadership across a city (长沙市): incidents in two halls of 岳麓区 and one
# of 芙蓉区; the city leader's desk opens on the leadership view, grouped by
# hall, what needs a leader first.
seedh() {  # KEY CATEGORY SUMMARY: a kiosk press in that demo hall
  "$B/tests/ui/screens_seed" "127.0.0.1:$PORT" "$W/tls/ca.crt" "duty.$1" demo-2026 \
    "kiosk-$1-1" "$W/demo/kiosk-$1-1.secret" raise "$2" "$3"
}
seedh yuelu fire "二楼配电间冒烟" >/dev/null
seedh yuelu2 medical_emergency "等候区老人晕倒" >/dev/null
FURONG=$(seedh furong crowding "办证窗口排队人数激增")
seedh yuelu panic "" >/dev/null
sleep 2
desk --user leader.changsha --lang zh --screenshot "$OUT/desk-leadership-zh.png"
desk --user leader.changsha --lang en --screenshot "$OUT/desk-leadership-en.png"
# The statistics (统计) of the city leader's halls: this month, and the
# quarter by week (the demo's two months of history and today's incidents).
desk --user leader.changsha --lang zh --show-dashboard month --screenshot "$OUT/desk-dashboard-zh.png"
desk --user leader.changsha --lang en --show-dashboard quarter \
  --screenshot "$OUT/desk-dashboard-en.png"
# Close-out (善后) on the Furong incident: the duty officer's tab lists what
# the plan still needs before closing.
desk --user duty.furong --lang zh --select-incident "$FURONG" --detail-tab closeout \
  --screenshot "$OUT/desk-closeout-zh.png"
desk --user duty.furong --lang en --select-incident "$FURONG" --detail-tab closeout \
  --screenshot "$OUT/desk-closeout-en.png"
# A drill (演练) in the Jiaxiang hall: the drill coordinator starts its
# power-failure scenario; its first inject raises a drill outage, which the
# duty officer acknowledges. The coordinator's 演练 tab shows the run live
# (banner, score so far, expected responses, timeline); the hall's kiosk
# shows the striped drill banner and its 演练上报 toggle.
"$B/tests/ui/screens_seed" "127.0.0.1:$PORT" "$W/tls/ca.crt" drill demo-2026 \
  kiosk-jiaxiang-1 "$SECRET_J" start-drill jiaxiang-1 jiaxiang_power_failure >/dev/null
sleep 6
seedj ack-latest power_outage
sleep 2
desk --user drill --lang zh --show-drills --drill-hall jiaxiang-1 \
  --screenshot "$OUT/desk-drills-zh.png"
desk --user drill --lang en --show-drills --drill-hall jiaxiang-1 \
  --screenshot "$OUT/desk-drills-en.png"
# 编排注入: the coordinator's hand-built injects on the same scenario,
# checked by the server (the responses a run would expect).
desk --user drill --lang zh --show-drills --drill-hall jiaxiang-1 --edit-injects \
  --screenshot "$OUT/desk-drill-editor-zh.png"
desk --user drill --lang en --show-drills --drill-hall jiaxiang-1 --edit-injects \
  --screenshot "$OUT/desk-drill-editor-en.png"
"$B/kiosk-client/hall-kiosk" "${COMMON[@]}" --kiosk-id kiosk-jiaxiang-1 --secret-file "$SECRET_J" \
  --queue "$W/jiaxiang.sqlite" --lang zh --screenshot "$OUT/kiosk-drill-zh.png" \
  --screenshot-delay 4000
"$B/kiosk-client/hall-kiosk" "${COMMON[@]}" --kiosk-id kiosk-jiaxiang-1 --secret-file "$SECRET_J" \
  --queue "$W/jiaxiang.sqlite" --lang en --screenshot "$OUT/kiosk-drill-en.png" \
  --screenshot-delay 4000
# The audit log (审计日志) after the demo's day: sign-ins, the enrollment
# code issued, the drill started — each action named in the desk's language.
desk --user admin --lang zh --show-admin 2 --screenshot "$OUT/desk-admin-audit-zh.png"
desk --user admin --lang en --show-admin 2 --screenshot "$OUT/desk-admin-audit-en.png"
ls -l "$OUT"
