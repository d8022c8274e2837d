#!/usr/bin/env bash
# System calls per message at steady state, ESMTP (smtp-source at p20, connection reused) and ECStream
# (ecstream-inject, one connection): starts the build in run/target with bench/mdb's ReadingMdb (reads the content in
# a container transaction, keeps nothing: no file system calls of its own), warms it up, then counts the system
# calls of the Payara Micro JVM (every thread) during one bounded load per protocol and counter:
#   strace   `strace -f -c`: the calls by type (slows the server to a quarter)
#   perf     `perf stat` on the syscall tracepoints: the same, barely slowed
#   fds      a tracing strace: read, write, writev and epoll_ctl by what their descriptor is (socket; eventfd, the
#            selector's wake-up)
#   threads  `perf trace -s`: the calls by thread, summed over the adapter's event loops (its Work threads that wait
#            in epoll), the rest of its Work pool (the delivery threads; their writes are wake-ups of a loop) and the
#            JVM's and the container's other threads
# Writes bench/target/syscalls/PROTOCOL.COUNTER and prints the calls per message (summary.txt).
#
#   bench/syscalls.sh                                     # 20,000 messages per protocol, strace and perf
#   MESSAGES=5000 COUNTERS=perf bench/syscalls.sh         # perf only
#   COUNTERS="perf fds threads" PROTOCOLS=ecstream bench/syscalls.sh
#   SMTP_PORT=3625 ECSTREAM_PORT=3626 HTTP_PORT=8732 bench/syscalls.sh
#
# The counts do not depend on the machine's speed but on where the deliveries run: EndpointDeliverer makes quick MDB
# calls on the event loop and backs off to its delivery threads for a second when they average over 1 ms (as on a
# loaded machine); a delivery there costs a wake-up of the loop, futex calls and, when it ends after the loop's turn,
# an epoll_ctl pair. Compare runs by their wake-ups (fds: eventfd writes; threads: pool.write). Needs smtp-source
# (../shared/bench/setup.sh), strace and perf. BUILD=0 runs what is built (else ./mvnw -Prun -pl
# run,bench/mdb,ecstream-client -am package).
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
  elif [ "$2" = threads ]; then
    perf trace -s -p "$PID" -o "$file" >/dev/null 2>&1 &
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
  elif [ "$2" = threads ]; then
    # by thread: the adapter's event loops (its WorkManager's threads that wait in epoll), the rest of its Work
    # pool (delivery threads: their writes are the wake-ups of a loop), and the JVM's and the container's others
    awk -v m="$MESSAGES" '/ events, / { match($0, /\([0-9]+\)/); tid = substr($0, RSTART + 1, RLENGTH - 2); name[tid] = $1; next }
      tid != "" && $1 ~ /^[a-z_0-9]+$/ && $2 ~ /^[0-9]+$/ { calls[tid, $1] = $2; if ($1 == "epoll_wait") waits[tid] = 1 }
      END { for (k in calls) { split(k, p, SUBSEP)
              g = name[p[1]] ~ /^orb-mta/ ? (p[1] in waits ? "loops" : "pool") : "other"; n[g "." p[2]] += calls[k] }
            for (g in n) printf "%s=%.2f\n", g, n[g] / m }' "$1"
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
      echo "$proto ($counter): $(per_message "$OUT/$proto.$counter" "$counter" | grep -v "=0.00$" | sort | tr "\n" " ")"
    done
  done
} | tee "$OUT/summary.txt"
