#!/usr/bin/env bash
# What sessions and a large message cost the heap: starts the sample server (the quick start's conf on the bench's
# ports, as bench/suite.sh does, with no limit on the listener's sessions), then
#   1. holds SESSIONS (10,000) idle SMTP sessions (bench/idle-sessions.py, each greeted, then silent) and prints the
#      heap after a full GC (`jcmd GC.run`, `GC.heap_info`) before and while they are held, and the bytes a session;
#      the class histograms of both moments are kept and their difference's top lines printed;
#   2. sends one message of MESSAGE_BYTES (50,000,000) and prints the heap after a full GC before and after it, the
#      largest heap after a GC during the transfer (`jcmd VM.log` adds a GC log for it) and the largest heap in use
#      (`jstat -gc`, every 200 ms, garbage included);
#   3. the peak RSS (VmHWM) of the Payara Micro JVM.
# Then stops the server. Heap figures hardly depend on the machine's load; the RSS and the time taken do.
#
#   bench/memory.sh                     # what is built (./mvnw -Prun package -DskipRun first, or BUILD=1)
#   SESSIONS=2000 bench/memory.sh
#
# Knobs: BUILD (0; 1 builds run/ first), SESSIONS, HOLD_S (how long the client holds them at most, 300), MESSAGE_BYTES,
# START_TIMEOUT (180 s), OUT (bench/target/memory), SMTP_PORT (3525), ECSTREAM_PORT (3526), CONSOLE
# (/tmp/wt-memory-console) and Payara's HTTP_PORT (8731). The QMQP and HTTP listeners of the conf are left out.
# Needs python3 and a JDK (jcmd, jstat); raises `ulimit -n` for the sessions (both ends run here).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SHARED="$ROOT/../shared/bench"
OUT="${OUT:-$ROOT/bench/target/memory}"
mkdir -p "$OUT" && OUT="$(cd "$OUT" && pwd)"   # the MDB jar is written from another directory
export LOGDIR="$OUT/logs"
START_TIMEOUT="${START_TIMEOUT:-180}"
source "$SHARED/lib.sh"
source "$ROOT/bench/ours.sh"

SESSIONS="${SESSIONS:-10000}"
HOLD_S="${HOLD_S:-300}"
MESSAGE_BYTES="${MESSAGE_BYTES:-50000000}"
SMTP_PORT="${SMTP_PORT:-3525}"
ECSTREAM_PORT="${ECSTREAM_PORT:-3526}"
CONSOLE="${CONSOLE:-/tmp/wt-memory-console}"
HTTP_PORT="${HTTP_PORT:-8731}"
WORK="$OUT/work"
SERVER="$ROOT/run/target/server"
MAILDIR=/dev/shm/mta-memory-maildir-$SMTP_PORT
rm -rf "$WORK" "$MAILDIR"
mkdir -p "$WORK" "$LOGDIR"

log() { echo "memory: $*" >&2; }

[ "${BUILD:-0}" = 0 ] || (cd "$ROOT" && ./mvnw -q -B -Prun -pl run -am package -DskipRun -DskipTests)
ulimit -n "$(ulimit -Hn)"
(( $(ulimit -n) > SESSIONS + 100 )) || { log "ulimit -n $(ulimit -n) is too low for $SESSIONS sessions"; exit 1; }

bench_conf "$SMTP_PORT" "$ECSTREAM_PORT" "$CONSOLE" "$WORK/memory.conf" QMQP_Listener HTTP_Listener || exit 1
sed -i '/^ESMTP_Listener {/a\  Listener_Sessions = 0' "$WORK/memory.conf"
jar=$(MDB_INTERFACE=BatchMailListener mdb_jar "$SERVER/sample-mdb.jar" "$WORK/memory.conf" org.mtalistener.sample.SampleMailMdb \
  org.mtalistener.sample.SampleConsoleCommands)

CLIENT=""
stop_all() {
  if [ -n "$CLIENT" ]; then kill "$CLIENT" 2>/dev/null || true; wait "$CLIENT" 2>/dev/null || true; fi
  [ -z "${SAMPLER:-}" ] || kill "$SAMPLER" 2>/dev/null || true
  stop_peer
  rm -rf "$MAILDIR"
}
trap stop_all EXIT

log "$(date -u +%FT%TZ) $(git -C "$ROOT" rev-parse --short HEAD), load $(cut -d' ' -f1-3 /proc/loadavg)"
start_peer adapter "$SMTP_PORT" "$(adapter_cmd "$jar" memory)" "$LOGDIR/server.log" || exit 1
PID=$(payara_pids | head -1)

heap_kb() {  # -> KB of heap in use after a full GC
  jcmd "$PID" GC.run >/dev/null
  jcmd "$PID" GC.heap_info | awk '/used/ { for (i = 1; i < NF; i++) if ($i == "used") { sub(/K,?$/, "", $(i + 1)); print $(i + 1); exit } }'
}

histogram() {  # FILE
  jcmd "$PID" GC.class_histogram >"$1"
}

mib() { awk -v k="$1" 'BEGIN { printf "%.1f MiB", k / 1024 }'; }

# the server settles: a few greetings, then the heap when two full GCs agree within 1 MB
python3 "$ROOT/bench/idle-sessions.py" 127.0.0.1 "$SMTP_PORT" 100 0 >/dev/null
prev=$(heap_kb)
for _ in 1 2 3 4 5; do sleep 2; idle=$(heap_kb); (( idle - prev < 1024 && prev - idle < 1024 )) && break; prev=$idle; done
histogram "$OUT/histogram-idle.txt"

python3 "$ROOT/bench/idle-sessions.py" 127.0.0.1 "$SMTP_PORT" "$SESSIONS" "$HOLD_S" >"$WORK/client.out" 2>&1 &
CLIENT=$!
until [ -s "$WORK/client.out" ]; do
  kill -0 "$CLIENT" 2>/dev/null || break
  sleep 1
done
grep -q '^held' "$WORK/client.out" || { log "the sessions could not be opened: $(cat "$WORK/client.out")"; exit 1; }
held=$(heap_kb)
histogram "$OUT/histogram-held.txt"
kill "$CLIENT"; wait "$CLIENT" 2>/dev/null || true; CLIENT=""

# the classes that grew most while the sessions were held: instances and bytes a session
awk -v n="$SESSIONS" '
  FNR == NR && $1 ~ /^[0-9]+:$/ { ci[$4] = $2; cb[$4] = $3; next }
  $1 ~ /^[0-9]+:$/ { d = $3 - cb[$4]; if (d > 0) printf "%10d %8.2f %7.1f  %s\n", d, ($2 - ci[$4]) / n, d / n, $4 }
' "$OUT/histogram-idle.txt" "$OUT/histogram-held.txt" | sort -rn | head -25 >"$OUT/histogram-diff.txt"

# the message: the server's heap before and after, the GC log and jstat meanwhile
sleep 5
before=$(heap_kb)
jcmd "$PID" VM.log output="file=$OUT/gc-transfer.log" what=gc decorators=uptime >/dev/null
gc_lines=$(wc -l <"$OUT/gc-transfer.log")
jstat -gc "$PID" 200 >"$WORK/jstat.txt" &
SAMPLER=$!
t0=$(date +%s.%N)
python3 - "$SMTP_PORT" "$MESSAGE_BYTES" <<'EOF'
import smtplib, sys
port, size = int(sys.argv[1]), int(sys.argv[2])
head = b"From: bench@source.test\r\nTo: sink@peer.test\r\nSubject: memory bench\r\n\r\n"
line = b"x" * 76 + b"\r\n"
body = line * ((size - len(head)) // len(line))
message = head + body + b"y" * (size - len(head) - len(body) - 2) + b"\r\n"
with smtplib.SMTP("127.0.0.1", port, timeout=300) as smtp:
    smtp.sendmail("bench@source.test", ["sink@peer.test"], message)
EOF
t1=$(date +%s.%N)
kill "$SAMPLER"; wait "$SAMPLER" 2>/dev/null || true; SAMPLER=""
gc_end=$(wc -l <"$OUT/gc-transfer.log")
after=$(heap_kb)
# G1's "Pause Young ... 60M->20M(256M)": the heap after each GC during the transfer
peak_gc=$(sed -n "$((gc_lines + 1)),${gc_end}p" "$OUT/gc-transfer.log" \
  | grep -o '[0-9]*M->[0-9]*M' | sed 's/.*->//; s/M//' | sort -n | tail -1)
# jstat -gc: S0U S1U EU OU (KB) are columns 3, 4, 6 and 8
peak_used=$(awk '$1 ~ /^[0-9.]+$/ { u = $3 + $4 + $6 + $8; if (u > max) max = u } END { printf "%d", max }' "$WORK/jstat.txt")
rss=$(payara_rss_kib)
stop_peer

{
  echo "memory, $(date -u +%FT%TZ), $(git -C "$ROOT" rev-parse --short HEAD), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "heap after GC, idle server: $(mib "$idle")"
  echo "heap after GC, $SESSIONS idle SMTP sessions held: $(mib "$held") (+$(mib $((held - idle))), $(( (held - idle) * 1024 / SESSIONS )) bytes a session)"
  echo "top of the class histogram's growth (bytes, instances a session, bytes a session, class):"
  sed 's/^/  /' "$OUT/histogram-diff.txt"
  echo "one message of $MESSAGE_BYTES bytes in $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }') s:" \
    "heap after GC before $(mib "$before"), after $(mib "$after") (+$(mib $((after - before))))"
  echo "  during the transfer: largest heap after a GC ${peak_gc:-(no GC)} MiB" \
    "(+$(mib $(( ${peak_gc:-0} * 1024 - before )))), largest heap in use $(mib "$peak_used") (garbage included)"
  echo "peak RSS (VmHWM) of the Payara Micro JVM: $((rss / 1024)) MiB"
} | tee "$OUT/memory.txt"
