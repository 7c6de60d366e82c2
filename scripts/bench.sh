#!/usr/bin/env bash
# The figures arrive as variables named by the RESULT lines (collect below).
# shellcheck disable=SC2154
# Every performance target of DESIGN.md measured in one run, side by side
# with the floors (pgbench, bare libpq, bare gRPC) and the peer a hall would
# otherwise use (Mosquitto at QoS 1). Bounded (~10 minutes); prints a table
# and writes it into docs/performance.md between the bench markers, with
# the machine described. Figures, not pass/fail: it never fails because a
# machine is slow, only when a part cannot run or a press is lost/doubled.
#
#   scripts/bench.sh [--quick] [--no-write] [--soak MINUTES]
#
#   --quick      short runs (a smoke test of the whole pipeline, ~1 minute)
#   --no-write   print only; leave docs/performance.md alone
#   --soak N     afterwards, N minutes at the province load with the
#                server's memory and open descriptors sampled each second;
#                writes docs/soak.csv and docs/soak.svg
#
# Each side on its own core when there are two or more: the server (and the
# broker, and the floor's server) on core 0, every generator on core 1;
# PostgreSQL is not pinned. Each side's CPU seconds are reported.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

QUICK=0 WRITE=1 SOAK=0
while (($#)); do
  case "$1" in
    --quick) QUICK=1 ;;
    --no-write) WRITE=0 ;;
    --soak) SOAK="$2"; shift ;;
    *) echo "bench.sh: unknown option $1 (see the top of the script)" >&2; exit 2 ;;
  esac
  shift
done

scripts/setup.sh >/dev/null
B=build/tests
for bin in build/server/hall-server "$B/hall-load" "$B/hall-floor" "$B/mqtt-peer"; do
  [[ -x $bin ]] || { echo "bench.sh: $bin was not built" >&2; exit 1; }
done
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)

SECS=10 PROVINCE_KIOSKS=1000 WATCHERS=10000 QUIET=100 QUIET_SECS=60 LONE_SECS=30
if ((QUICK)); then SECS=3 PROVINCE_KIOSKS=200 WATCHERS=1000 QUIET=10 QUIET_SECS=10 LONE_SECS=5; fi
# The paced press and everything it is compared with (the floors, the
# peer's paced publish) run at one pace: on a VM a round trip or an fsync
# after 10 ms idle costs more than one after 2 ms, so a floor paced faster
# than the press would flatter the floor. As many samples as paced presses.
PACED_RATE=100
PACE_US=$((1000000 / PACED_RATE))
SAMPLES=$((SECS * PACED_RATE))

OUT=$ROOT/var/bench/$(date +%Y%m%d-%H%M%S)
mkdir -p "$OUT"
echo "==> bench: results and logs in $OUT"
scripts/make-certs.sh "$OUT/tls" >/dev/null
# Many watch streams and channels: as many descriptors as we may have.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

if (($(nproc) >= 2)); then
  SERVER_CPU=(taskset -c 0) LOAD_CPU=(taskset -c 1) PINNED="server core 0, generators core 1"
else
  SERVER_CPU=() LOAD_CPU=() PINNED="one core: not pinned"
fi

PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# Waits (bounded) for a READY line in a log.
await_ready() {
  for _ in $(seq 1 300); do
    grep -q READY "$1" 2>/dev/null && return 0
    sleep 0.2
  done
  echo "bench.sh: $2 did not start; see $1" >&2
  exit 1
}

# The hypervisor's share of the host's CPU time while a run ran ("steal"
# in /proc/stat, in ticks of both cores): on a VM a tail the host made
# shows here rather than in a profile of our code. steal_mark before a
# run, steal_of NAME after it: sets steal_NAME to the percentage.
cpu_ticks() { awk '/^cpu /{t=0; for (i=2; i<=9; i++) t+=$i; print $9, t; exit}' /proc/stat; }
steal_mark() { read -r STEAL0 TICKS0 < <(cpu_ticks); }
steal_of() {
  local s t
  read -r s t < <(cpu_ticks)
  printf -v "steal_$1" '%s' "$(awk -v a=$((s - STEAL0)) -v b=$((t - TICKS0)) \
    'BEGIN{ if (b > 0) printf "%.1f", 100 * a / b; else print "?" }')"
}

# RESULT lines of a run → variables NAME_key (e.g. floor_grpc_unary_p50_us).
collect() {
  local prefix=$1 file=$2
  while read -r _ key value; do
    printf -v "${prefix}_${key}" '%s' "$value"
  done < <(grep '^RESULT ' "$file")
}

# What the server's own metrics say of a run: scrape NAME-before and
# NAME-after around it, then `delta NAME stages|slow|fanout|appender`
# (scripts/metrics-delta.py): a raise's stages' mean µs; the presses whose
# commit / wait in the queue took over 10 ms (a paced run's p99 is made of
# those); the feed's wakes of every watch stream (the server's side of a
# fan-out); the appender's time a press, split into the chain's start and
# the rest (what bounds a sustained rate).
scrape() {
  python3 -c 'import sys, urllib.request; sys.stdout.write(urllib.request.urlopen(sys.argv[1]).read().decode())' \
    "http://127.0.0.1:$MPORT/metrics" >"$OUT/metrics-$1.prom"
}
delta() { scripts/metrics-delta.py "$OUT/metrics-$1-before.prom" "$OUT/metrics-$1-after.prom" "$2"; }

# --- the server (its own embedded PostgreSQL) --------------------------------
PORT=$(free_port) PORT2=$(free_port) MPORT=$(free_port)
build/server/hall-server --data-dir "$OUT/db" --listen "127.0.0.1:$PORT" \
  --tls-cert "$OUT/tls/server.crt" --tls-key "$OUT/tls/server.key" \
  --metrics-listen "127.0.0.1:$MPORT" --log-level warn >"$OUT/server.log" 2>&1 &
SPID=$!
PIDS+=("$SPID")
await_ready "$OUT/server.log" hall-server
# Pinned after start: PostgreSQL, which the server started, stays free.
((${#SERVER_CPU[@]})) && taskset -a -p -c 0 "$SPID" >/dev/null
PGPID=$(head -1 "$OUT/db/pg/postmaster.pid")
DBURL="host=$OUT/db/run dbname=hall user=hall"
LOAD=("${LOAD_CPU[@]}" "$B/hall-load" --target "127.0.0.1:$PORT" --ca "$OUT/tls/ca.crt"
  --database-url "$DBURL" --server-pid "$SPID" --pg-pid "$PGPID")

# --- floors ------------------------------------------------------------------
echo "==> pgbench: single-row insert, 1 and 16 clients, ${SECS} s each"
printf 'INSERT INTO pgb_insert (payload) VALUES (repeat(%s, 300));\n' "'x'" >"$OUT/pgbench.sql"
"$PGBIN/psql" -q "$DBURL" -c "CREATE TABLE IF NOT EXISTS pgb_insert (id bigserial PRIMARY KEY, payload text)"
pgbench_tps() {
  "${LOAD_CPU[@]}" "$PGBIN/pgbench" -n -c "$1" -j "$2" -T "$SECS" -f "$OUT/pgbench.sql" "$DBURL" \
    >"$OUT/pgbench-$1.log" 2>&1
  awk '/^tps = /{print $3; exit}' "$OUT/pgbench-$1.log"
}
steal_mark
PGB1=$(printf '%.0f' "$(pgbench_tps 1 1)")
PGB16=$(printf '%.0f' "$(pgbench_tps 16 2)")
steal_of pgbench

echo "==> floors: bare libpq insert-commit, bare gRPC unary and server-stream (TLS)"
FPORT=$(free_port)
# The floor's server reads stdin until it closes: a fifo we hold open.
mkfifo "$OUT/floor.stdin"
"${SERVER_CPU[@]}" "$B/hall-floor" --serve "127.0.0.1:$FPORT" --tls-cert "$OUT/tls/server.crt" \
  --tls-key "$OUT/tls/server.key" <"$OUT/floor.stdin" >"$OUT/floor-server.log" 2>&1 &
PIDS+=("$!")
exec 9>"$OUT/floor.stdin"
await_ready "$OUT/floor-server.log" hall-floor
steal_mark
"${LOAD_CPU[@]}" "$B/hall-floor" --target "127.0.0.1:$FPORT" --ca "$OUT/tls/ca.crt" \
  --database-url "$DBURL" --samples "$SAMPLES" --pace-us "$PACE_US" >"$OUT/floor.log"
steal_of floor
collect floor "$OUT/floor.log"
exec 9>&-

# The floors' rows out of the way, and their writes checkpointed, so the
# server's runs do not pay for pgbench's dirty pages and autovacuum.
"$PGBIN/psql" -q "$DBURL" -c "DROP TABLE pgb_insert" -c "DROP TABLE bench_floor" -c "CHECKPOINT"

# --- the peer: Mosquitto, QoS 1, persistence, TLS -----------------------------
echo "==> peer: Mosquitto at QoS 1 with persistence"
MQPORT=$(free_port)
mkdir -p "$OUT/mqtt"
cp "$OUT/tls/server.crt" "$OUT/tls/server.key" "$OUT/tls/ca.crt" "$OUT/mqtt/"
cat >"$OUT/mqtt/mosquitto.conf" <<EOF
listener $MQPORT 127.0.0.1
cafile $OUT/mqtt/ca.crt
certfile $OUT/mqtt/server.crt
keyfile $OUT/mqtt/server.key
allow_anonymous true
persistence true
persistence_location $OUT/mqtt/
max_queued_messages 0
log_dest file $OUT/mqtt/mosquitto.log
EOF
# As root, mosquitto drops to its own user: give it its folder.
[[ $(id -u) -eq 0 ]] && chown -R mosquitto "$OUT/mqtt"
"${SERVER_CPU[@]}" /usr/sbin/mosquitto -c "$OUT/mqtt/mosquitto.conf" >"$OUT/mqtt/out.log" 2>&1 &
MQPID=$!
PIDS+=("$MQPID")
for _ in $(seq 1 50); do
  (echo >"/dev/tcp/127.0.0.1/$MQPORT") 2>/dev/null && break
  sleep 0.1
done
cpu_of() { awk '{print ($14+$15)/100}' "/proc/$1/stat"; }
MQCPU0=$(cpu_of "$MQPID")
steal_mark
"${LOAD_CPU[@]}" "$B/mqtt-peer" --port "$MQPORT" --ca "$OUT/tls/ca.crt" --samples "$SAMPLES" \
  --pace-us "$PACE_US" --publishers 100 --subscribers 100 --seconds "$SECS" >"$OUT/mqtt.log"
steal_of peer
MQCPU=$(awk -v a="$MQCPU0" -v b="$(cpu_of "$MQPID")" 'BEGIN{printf "%.1f", b-a}')
kill "$MQPID"
collect peer "$OUT/mqtt.log"

# --- the server ---------------------------------------------------------------
# A hall's database has history; a fresh one has empty tables, and the
# server's prepared statements, planned against them, scan instead of
# using the log's index until autovacuum's ANALYZE replans them (about a
# minute). Warm it as a database in service would be: a short run, then
# ANALYZE, then measure.
echo "==> server: warming the database (a short run, then ANALYZE)"
"${LOAD[@]}" --halls 10 --kiosks 50 --desks 10 --seconds 3 --warmup 0 >"$OUT/warmup.log"
"$PGBIN/psql" -q "$DBURL" -c "ANALYZE"

echo "==> server: press → desk, paced (1 kiosk, 1 desk, 100/s)"
scrape paced-before
steal_mark
"${LOAD[@]}" --halls 1 --kiosks 1 --desks 1 --rate "$PACED_RATE" --seconds "$SECS" >"$OUT/paced.log"
steal_of paced
scrape paced-after
collect paced "$OUT/paced.log"
PACED_STAGES=$(delta paced stages)
PACED_SLOW=$(delta paced slow)

# The quiet hall's floor: a lone insert-commit, one a second (pgbench at
# --rate 1), as the quiet-hall presses below come. On a VM an fsync after a
# quiet second can cost several times a paced one: the press cannot beat it.
echo "==> floor: lone insert-commit, one a second (${LONE_SECS} s)"
"$PGBIN/psql" -q "$DBURL" -c "CREATE TABLE pgb_lone (id bigserial PRIMARY KEY, payload text)"
printf 'INSERT INTO pgb_lone (payload) VALUES (repeat(%s, 300));\n' "'x'" >"$OUT/pgbench-lone.sql"
"${LOAD_CPU[@]}" "$PGBIN/pgbench" -n -c 1 -R 1 -T "$LONE_SECS" -l --log-prefix="$OUT/lone-tx" \
  -f "$OUT/pgbench-lone.sql" "$DBURL" >"$OUT/pgbench-lone.log" 2>&1
# Each transaction's log line: client, number, latency µs, … (pgbench -l).
read -r lone_floor_p50_ms lone_floor_max_ms < <(cat "$OUT"/lone-tx.* | awk '{print $3}' | sort -n |
  awk '{a[NR]=$1} END {if (NR) printf "%.1f %.1f\n", a[int((NR+1)/2)]/1000, a[NR]/1000; else print "0 0"}')
"$PGBIN/psql" -q "$DBURL" -c "DROP TABLE pgb_lone"

# A real press comes after a quiet spell in its hall: what the server keeps
# warm only while a hall is busy is cold for it. 100 halls, one kiosk and
# one desk each, presses in turn at 1/s: each hall's press comes
# ${QUIET} s after its last; the warm-up covers every hall's first press.
echo "==> server: press → desk in a quiet hall (${QUIET} halls, each pressed every ${QUIET} s)"
scrape lone-before
steal_mark
"${LOAD[@]}" --halls "$QUIET" --kiosks "$QUIET" --desks "$QUIET" --rate 1 --warmup "$QUIET" \
  --seconds "$QUIET_SECS" >"$OUT/lone.log"
steal_of lone
scrape lone-after
collect lone "$OUT/lone.log"
LONE_STAGES=$(delta lone stages)
LONE_SLOW=$(delta lone slow)

echo "==> server: press on one server → desk on another (same database)"
build/server/hall-server --database-url "$DBURL" --listen "127.0.0.1:$PORT2" \
  --tls-cert "$OUT/tls/server.crt" --tls-key "$OUT/tls/server.key" --log-level warn \
  >"$OUT/server2.log" 2>&1 &
S2PID=$!
PIDS+=("$S2PID")
await_ready "$OUT/server2.log" "the second hall-server"
((${#SERVER_CPU[@]})) && taskset -a -p -c 0 "$S2PID" >/dev/null
steal_mark
"${LOAD[@]}" --desk-target "127.0.0.1:$PORT2" --halls 1 --kiosks 1 --desks 1 --rate "$PACED_RATE" \
  --seconds "$SECS" >"$OUT/cross.log"
steal_of cross
collect cross "$OUT/cross.log"
kill "$S2PID"

echo "==> server: sustained, worst case (100 kiosks and 100 desks on one hall)"
steal_mark
"${LOAD[@]}" --halls 1 --kiosks 100 --desks 100 --seconds "$SECS" >"$OUT/onehall.log"
steal_of onehall
collect onehall "$OUT/onehall.log"

echo "==> server: sustained, province ($PROVINCE_KIOSKS kiosks, 100 halls, 200 desks, 10 leadership)"
scrape province-before
steal_mark
"${LOAD[@]}" --halls 100 --kiosks "$PROVINCE_KIOSKS" --desks 200 --leadership 10 \
  --seconds "$SECS" >"$OUT/province.log"
steal_of province
scrape province-after
PROVINCE_APPENDER=$(delta province appender)
collect province "$OUT/province.log"

echo "==> server: $WATCHERS watch streams, one press reaching all"
scrape watchers-before
steal_mark
"${LOAD[@]}" --halls 1 --kiosks 1 --desks "$WATCHERS" --desks-per-channel 100 --rate 2 \
  --seconds "$SECS" >"$OUT/watchers.log"
steal_of watchers
scrape watchers-after
WATCHERS_FANOUT=$(delta watchers fanout)
collect watchers "$OUT/watchers.log"

# --- the table ---------------------------------------------------------------
# Counts, rates, CPU seconds and MiB rounded for reading (RESULT keeps 3 decimals).
for v in province_rate onehall_rate peer_mqtt_rate watchers_server_rss_mib; do
  printf -v "$v" '%.0f' "${!v}"
done
for v in province_lost province_duplicated province_db_missing province_db_doubled onehall_lost \
  onehall_duplicated onehall_db_missing onehall_db_doubled peer_mqtt_lost peer_mqtt_duplicated; do
  printf -v "$v" '%.0f' "${!v}"
done
for v in province_server_cpu_s province_pg_cpu_s province_load_cpu_s onehall_server_cpu_s \
  onehall_pg_cpu_s onehall_load_cpu_s; do
  printf -v "$v" '%.1f' "${!v}"
done
for v in paced_desk_p99_ms cross_desk_p50_ms paced_desk_p50_ms lone_desk_p50_ms lone_desk_p99_ms \
  province_desk_p50_ms province_desk_p99_ms \
  onehall_desk_p50_ms onehall_desk_p99_ms watchers_desk_p50_ms watchers_desk_p99_ms \
  peer_mqtt_fanout_p50_ms peer_mqtt_fanout_p99_ms; do
  printf -v "$v" '%.1f' "${!v}"
done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{ if (b > 0) printf "%.2f", a/b; else print "—" }'; }
ms() { awk -v a="$1" 'BEGIN{ printf "%.2f", a/1000 }'; }
FLOOR_SUM=$(awk -v a="$floor_libpq_insert_p50_us" -v b="$floor_grpc_unary_p50_us" 'BEGIN{print a+b}')
PACED_P50_US=$(awk -v a="$paced_desk_p50_ms" 'BEGIN{print a*1000}')
CROSS_RATIO=$(ratio "$cross_desk_p50_ms" "$paced_desk_p50_ms")
CPU_MODEL=$(awk -F': ' '/model name/{print $2; exit}' /proc/cpuinfo)
MEM_GIB=$(awk '/MemTotal/{printf "%.0f", $2/1048576}' /proc/meminfo)
PGVER=$("$PGBIN/postgres" --version | awk '{print $3}')
GRPCVER=$(dpkg-query -W -f='${Version}' libgrpc++-dev 2>/dev/null || echo "?")
MQVER=$(dpkg-query -W -f='${Version}' mosquitto 2>/dev/null || echo "?")

TABLE=$OUT/table.md
{
  echo "Run $(date -u '+%Y-%m-%d %H:%M UTC')$( ((QUICK)) && echo ' (--quick: short runs, not for comparison)'): $(nproc) cores ($CPU_MODEL), ${MEM_GIB} GiB,"
  echo "Debian $(cat /etc/debian_version), PostgreSQL $PGVER (fsync on, synchronous_commit on),"
  echo "gRPC $GRPCVER, Mosquitto $MQVER; loopback, TLS everywhere; $PINNED;"
  echo "${SECS} s per run; the paced press, the floors and the peer's paced publish all at ${PACED_RATE}/s ($SAMPLES samples each)."
  echo
  echo "| what | measured | floor / peer | ratio | target |"
  echo "| --- | ---: | ---: | ---: | --- |"
  echo "| pgbench single-row insert, 1 client (tps) | $PGB1 | | | |"
  echo "| pgbench single-row insert, 16 clients (tps) | $PGB16 | | | |"
  echo "| floor: libpq insert-commit p50 / p99 µs | ${floor_libpq_insert_p50_us} / ${floor_libpq_insert_p99_us} | | | |"
  echo "| floor: gRPC unary round trip p50 / p99 µs | ${floor_grpc_unary_p50_us} / ${floor_grpc_unary_p99_us} | | | |"
  echo "| floor: gRPC call → server-stream message p50 / p99 µs | ${floor_grpc_stream_p50_us} / ${floor_grpc_stream_p99_us} | | | |"
  echo "| peer: Mosquitto QoS 1 publish → subscriber p50 / p99 µs | ${peer_mqtt_p50_us} / ${peer_mqtt_p99_us} | | | |"
  echo "| **press → desk, paced** p50 µs | $PACED_P50_US | floor $FLOOR_SUM (insert + unary) | $(ratio "$PACED_P50_US" "$FLOOR_SUM") | ≤ 2.0 |"
  echo "| press → desk, paced p99 ms | ${paced_desk_p99_ms} | peer $(ms "$peer_mqtt_p99_us") | $(ratio "$paced_desk_p99_ms" "$(ms "$peer_mqtt_p99_us")") | ≤ 2 ms |"
  echo "| … inside the server, mean µs: prepare / queue / commit / publish / answer | $PACED_STAGES | | | |"
  echo "| … presses whose commit / wait in the queue took over 10 ms | $PACED_SLOW | | | |"
  echo "| floor: lone insert-commit, one a second, p50 / max ms | ${lone_floor_p50_ms} / ${lone_floor_max_ms} | | | |"
  echo "| press → desk in a quiet hall (each pressed every ${QUIET} s) p50 / p99 ms | ${lone_desk_p50_ms} / ${lone_desk_p99_ms} | lone commit ${lone_floor_p50_ms} (paced press ${paced_desk_p50_ms}) | $(ratio "$lone_desk_p50_ms" "$lone_floor_p50_ms") | |"
  echo "| … inside the server, mean µs: prepare / queue / commit / publish / answer | $LONE_STAGES | | | |"
  echo "| … presses whose commit / wait in the queue took over 10 ms | $LONE_SLOW | | | |"
  echo "| press → desk vs the peer, p50 | $PACED_P50_US µs | peer ${peer_mqtt_p50_us} µs | $(ratio "$PACED_P50_US" "$peer_mqtt_p50_us") | |"
  echo "| press on one server → desk on another p50 ms | ${cross_desk_p50_ms} | same server ${paced_desk_p50_ms} | $CROSS_RATIO | ≤ 2.0 |"
  echo "| **sustained, province**: presses/s ($PROVINCE_KIOSKS kiosks, 100 halls, 200 + 10 desks) | ${province_rate} | pgbench-16 $PGB16 | $(ratio "$province_rate" "$PGB16") | ≥ 0.50 |"
  echo "| … press → every desk p50 / p99 ms | ${province_desk_p50_ms} / ${province_desk_p99_ms} | | | |"
  echo "| … lost / duplicated (desks; database) | ${province_lost} / ${province_duplicated}; ${province_db_missing} / ${province_db_doubled} | | | 0 / 0 |"
  echo "| … CPU s: server / PostgreSQL / generator | ${province_server_cpu_s} / ${province_pg_cpu_s} / ${province_load_cpu_s} | | | |"
  echo "| … the appender's time a press, µs: its insert and the rest / its chain's start | ${PROVINCE_APPENDER} | | | |"
  echo "| sustained, worst case: presses/s (100 kiosks, 100 desks, one hall) | ${onehall_rate} | pgbench-16 $PGB16 | $(ratio "$onehall_rate" "$PGB16") | reported |"
  echo "| … peer: Mosquitto, 100 publishers, 100 subscribers (msgs/s) | ${peer_mqtt_rate} | | $(ratio "$onehall_rate" "$peer_mqtt_rate") | |"
  echo "| … press → every desk p50 / p99 ms (peer: ${peer_mqtt_fanout_p50_ms} / ${peer_mqtt_fanout_p99_ms}) | ${onehall_desk_p50_ms} / ${onehall_desk_p99_ms} | | | |"
  echo "| … lost / duplicated (desks; database) | ${onehall_lost} / ${onehall_duplicated}; ${onehall_db_missing} / ${onehall_db_doubled} | peer: not delivered 30 s after ${peer_mqtt_lost}, duplicated ${peer_mqtt_duplicated} | | 0 / 0 |"
  echo "| … CPU s: server / PostgreSQL / generator (broker: $MQCPU s over its whole run) | ${onehall_server_cpu_s} / ${onehall_pg_cpu_s} / ${onehall_load_cpu_s} | | | |"
  echo "| **$WATCHERS watch streams**: one press → all, p50 / p99 ms | ${watchers_desk_p50_ms} / ${watchers_desk_p99_ms} | | | p99 ≤ 200 ms |"
  echo "| … the server's side: each wake of every stream (hall_feed_fanout_seconds) | ${WATCHERS_FANOUT} | | | |"
  echo "| … server resident memory MiB | ${watchers_server_rss_mib} | | | ≤ 1024 |"
  echo "| host: CPU time the hypervisor took (steal), % — pgbench / floors / peer / paced / quiet hall / cross / one hall / province / streams | ${steal_pgbench} / ${steal_floor} / ${steal_peer} / ${steal_paced} / ${steal_lone} / ${steal_cross} / ${steal_onehall} / ${steal_province} / ${steal_watchers} | | | |"
} >"$TABLE"
echo
cat "$TABLE"

if ((WRITE)); then
  python3 - "$TABLE" docs/performance.md <<'EOF'
import sys
table = open(sys.argv[1]).read()
path = sys.argv[2]
doc = open(path).read()
begin, end = "<!-- bench:begin -->", "<!-- bench:end -->"
if begin not in doc or end not in doc:
    sys.exit("bench.sh: docs/performance.md has no bench markers")
head, rest = doc.split(begin, 1)
_, tail = rest.split(end, 1)
open(path, "w").write(head + begin + "\n" + table + end + tail)
EOF
  echo "==> written into docs/performance.md"
fi

# --- soak ----------------------------------------------------------------------
if ((SOAK > 0)); then
  echo "==> soak: $SOAK minutes at the province shape, paced at 200 presses/s"
  CSV=$OUT/soak.csv
  echo "second,rss_mib,open_fds" >"$CSV"
  "${LOAD[@]}" --halls 100 --kiosks "$PROVINCE_KIOSKS" --desks 200 --leadership 10 --rate 200 \
    --warmup 0 --seconds "$((SOAK * 60))" >"$OUT/soak.log" &
  LPID=$!
  t=0
  while kill -0 "$LPID" 2>/dev/null; do
    rss=$(awk '/VmRSS/{printf "%.1f", $2/1024}' "/proc/$SPID/status")
    fds=$(ls "/proc/$SPID/fd" | wc -l)
    echo "$t,$rss,$fds" >>"$CSV"
    t=$((t + 1))
    sleep 1
  done
  wait "$LPID"
  collect soak "$OUT/soak.log"
  cp "$CSV" docs/soak.csv
  scripts/plot-soak.sh "$CSV" >docs/soak.svg
  awk -F, 'NR==2{r0=$2; f0=$3} NR>1{r=$2; f=$3; if ($2>rmax) rmax=$2; if ($3>fmax) fmax=$3}
    END{printf "soak: rss %.0f → %.0f MiB (max %.0f), fds %d → %d (max %d)\n", r0, r, rmax, f0, f, fmax}' "$CSV"
  echo "soak: presses/s ${soak_rate}, lost ${soak_lost}, duplicated ${soak_duplicated}, db missing ${soak_db_missing}"
  echo "==> docs/soak.csv and docs/soak.svg written"
fi

# A lost or doubled press is a failure whatever the machine.
for v in province_lost province_duplicated province_db_missing onehall_lost onehall_duplicated \
  onehall_db_missing paced_lost lone_lost watchers_lost; do
  if [[ ${!v%.*} != 0 ]]; then
    echo "bench.sh: $v = ${!v}: a press was lost or doubled" >&2
    exit 1
  fi
done
