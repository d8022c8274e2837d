#!/usr/bin/env bash
# System calls per message at steady state, ESMTP (smtp-source at p20, connection reused) and ECStream
# (ecstream-inject, one connection): starts the build in run/target with bench/mdb's ReadingMdb (reads the content in
# a container transaction, keeps nothing: no file system calls of its own), warms it up, then counts the system
# calls of the Payara Micro JVM (every thread) during a bounded load with `strace -f -c`, and with `perf stat` on
# the syscall tracepoints (which barely slows the server, so the inline deliveries stay as quick as without it).
# COUNTERS=fds adds a run under a tracing strace that splits read, write, writev and epoll_ctl by what their file
# descriptor is (socket, eventfd: the selector's wake-up, pipe, file). Writes bench/target/syscalls/PROTOCOL.COUNTER
# and prints the calls per message.
#
#   bench/syscalls.sh                                     # 20,000 messages per protocol, both counters
#   MESSAGES=5000 COUNTERS=perf bench/syscalls.sh         # perf only
#   COUNTERS="strace perf fds" bench/syscalls.sh          # and the calls by descriptor
#   SMTP_PORT=3625 ECSTREAM_PORT=3626 HTTP_PORT=8732 bench/syscalls.sh
#
# Unlike throughput, these counts do not move with the machine's load (but for the share of deliveries made on the
# event loop, which a slow machine lowers). Needs smtp-source (../shared/bench/setup.sh),
# strace and perf. BUILD=0 runs what is built (else ./mvnw -Prun -pl run,bench/mdb,ecstream-client -am package).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SMTP_PORT="${SMTP_PORT:-2725}"
ECSTREAM_PORT="${ECSTREAM_PORT:-2726}"
HTTP_PORT="${HTTP_PORT:-8725}"
MESSAGES="${MESSAGES:-20000}"
WARMUP="${WARMUP:-40000}"
COUNTERS="${COUNTERS:-strace perf}"
PROTOCOLS="${PROTOCOLS:-esmtp ecstream}"
SIZE=4096
OUT="$ROOT/bench/target/syscalls"
WORK="$OUT/work"
MSGDIR=/dev/shm/mta-syscalls-messages-$ECSTREAM_PORT
CHUNK=1000
TRACED="read,write,writev,sendmsg,sendto,recvfrom,epoll_wait,epoll_ctl,futex"
rm -rf "$WORK" "$MSGDIR"; mkdir -p "$WORK" "$MSGDIR"
log() { echo "syscalls: $*" >&2; }

[ "${BUILD:-1}" = 0 ] || (cd "$ROOT" && ./mvnw -q -B -Prun -pl run,bench/mdb,ecstream-client -am package -DskipRun -DskipTests)
SERVER="$ROOT/run/target/server"
INJECT="$ROOT/ecstream-client/target/ecstream-inject.jar"

# the quick start's ESMTP and ECStream listeners on our ports, nothing else
awk '/^(QMQP|Control|HTTP)_Listener/ { skip = 1 } !skip { print } skip && /^}/ { skip = 0 }' "$ROOT/conf/ecelerity.conf" \
  | sed -e "s/127.0.0.1:2525/127.0.0.1:$SMTP_PORT/" -e "s/127.0.0.1:1825/127.0.0.1:$ECSTREAM_PORT/" >"$WORK/syscalls.conf"
java -cp "$ROOT/conf/target/listenerconf.jar" org.mtalistener.conf.map.ListenerConf map "$WORK/syscalls.conf" \
  --mdb-class org.mtalistener.bench.ReadingMdb --out "$WORK/descriptors/META-INF" >"$WORK/listenerconf.log"
cp "$ROOT/bench/mdb/target/bench-mdb.jar" "$WORK/bench-mdb.jar"
(cd "$WORK/descriptors" && jar uf "$WORK/bench-mdb.jar" META-INF/*.xml)

# ECStream's messages: one as smtp-source sends it (the headers it would write, CRLF line ends), CHUNK links to it
{
  printf 'From: <bench@source.test>\r\nTo: <sink@peer.test>\r\nDate: Thu, 3 Dec 2026 12:00:00 +0000\r\n'
  printf 'Message-Id: <syscalls@source.test>\r\nSubject: syscalls\r\n\r\n'
  head -c $((SIZE - 160)) /dev/zero | tr '\0' x | fold -w 78 | sed 's/$/\r/'
} >"$MSGDIR/0"
for i in $(seq 1 $((CHUNK - 1))); do ln "$MSGDIR/0" "$MSGDIR/$i"; done

launcher=""; tracer=""
stop() {
  [ -n "$tracer" ] && kill -INT "$tracer" 2>/dev/null || true
  if [ -n "$launcher" ]; then
    pkill -TERM -P "$launcher" 2>/dev/null || true; kill "$launcher" 2>/dev/null || true; wait "$launcher" 2>/dev/null || true
  fi
  rm -rf "$MSGDIR"
}
trap stop EXIT

java -cp "$ROOT/run/target/classes" org.mtalistener.run.PayaraMicroRun --payara-micro="$SERVER/payara-micro.jar" \
  --rar="$SERVER/mta-listener.rar" --mdb="$WORK/bench-mdb.jar" --maildir="$WORK/maildir" --work="$WORK/payara" \
  --http-port="$HTTP_PORT" >"$OUT/server.log" 2>&1 &
launcher=$!
for _ in $(seq 1 300); do
  grep -q "is running" "$OUT/server.log" 2>/dev/null && break
  kill -0 "$launcher" 2>/dev/null || { cat "$OUT/server.log"; exit 1; }
  sleep 1
done
PID=$(pgrep -f payara-micro.jar -P "$launcher" | head -1)
log "Payara Micro pid $PID"

load() {  # PROTOCOL MESSAGES
  if [ "$1" = esmtp ]; then
    timeout 600 smtp-source -s 20 -m "$2" -l "$SIZE" -d -f bench@source.test -t sink@peer.test -M source.test \
      127.0.0.1:"$SMTP_PORT" >/dev/null
  else
    local dirs=() i; for i in $(seq 1 $(($2 / CHUNK))); do dirs+=("$MSGDIR"); done
    timeout 600 java -jar "$INJECT" --server "127.0.0.1:$ECSTREAM_PORT" --from bench@source.test \
      --to sink@peer.test "${dirs[@]}" >/dev/null
  fi
}

counted() {  # PROTOCOL COUNTER -> runs one load of MESSAGES under the counter, its output in $OUT/PROTOCOL.COUNTER
  local file="$OUT/$1.$2"
  if [ "$2" = strace ]; then
    strace -f -c -e trace="$TRACED" -p "$PID" -o "$file" 2>/dev/null &
  elif [ "$2" = fds ]; then
    strace -f -y -qq -s 0 -e trace=read,write,writev,epoll_ctl -p "$PID" -o "$file" 2>/dev/null &
  else
    perf stat -x, -e "$(echo "$TRACED" | tr ',' '\n' | sed 's/^/syscalls:sys_enter_/' | paste -sd,)" -p "$PID" \
      -o "$file" &
  fi
  tracer=$!
  sleep 3   # strace attaches thread by thread
  local t0 t1; t0=$(date +%s%N); load "$1" "$MESSAGES"; t1=$(date +%s%N)
  kill -INT "$tracer"; wait "$tracer" 2>/dev/null || true; tracer=""
  log "$1 under $2: $MESSAGES messages at $(( MESSAGES * 1000000000 / (t1 - t0) )) msg/s"
}

per_message() {  # FILE COUNTER -> "syscall calls/message" lines
  if [ "$2" = strace ]; then
    awk -v m="$MESSAGES" '$NF ~ /^[a-z_0-9]+$/ && $4 ~ /^[0-9]+$/ && $NF != "total" { printf "%s=%.2f\n", $NF, $4 / m }' "$1"
  elif [ "$2" = fds ]; then
    # each call by what its descriptor is: socket, eventfd (a selector's wake-up), pipe or file
    awk -v m="$MESSAGES" 'match($0, /[a-z_]+\([0-9]+<[a-z_]+/) {
        call = substr($0, RSTART, RLENGTH); sub(/\(.*</, ".", call); n[call]++ }
      END { for (c in n) printf "%s=%.2f\n", c, n[c] / m }' "$1"
  else
    awk -F, -v m="$MESSAGES" '$3 ~ /sys_enter_/ { sub(/.*sys_enter_/, "", $3); printf "%s=%.2f\n", $3, $1 / m }' "$1"
  fi
}

for proto in $PROTOCOLS; do
  log "$proto: warming up with $WARMUP messages"
  load "$proto" "$WARMUP"
  for counter in $COUNTERS; do counted "$proto" "$counter"; done
done

{
  echo "system calls per message, $MESSAGES messages per load, $(git -C "$ROOT" rev-parse --short HEAD), $(date -u +%FT%TZ)"
  for proto in $PROTOCOLS; do
    for counter in $COUNTERS; do
      echo "$proto ($counter): $(per_message "$OUT/$proto.$counter" "$counter" | sort | tr "\n" " ")"
    done
  done
} | tee "$OUT/summary.txt"
