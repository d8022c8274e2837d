#!/usr/bin/env bash
# A CPU profile of the adapter (sample MDB on Payara Micro, its Maildir on /dev/shm) at steady state: starts the build
# in run/target, warms it up, then profiles it with async-profiler while smtp-source loads it and writes a flame graph
# and collapsed stacks to bench/target/, with a summary: where the CPU was (kernel, the JVM, Java), who asked for it
# (ours, Netty, the JDK, the container), the system calls and the top frames.
#
#   bench/profile.sh                          # p20 (20 sessions, connection reused), 15 s after 60,000 messages
#   LOAD=p20conn SECONDS_=20 bench/profile.sh # a new connection per message
#   LOAD=ecstream bench/profile.sh            # ecstream-inject, one connection (needs ecstream-client built)
#   PID=1234 bench/profile.sh                 # a Payara Micro already running (nothing started or stopped)
#   MDB_JAR=/path/to/mdb.jar bench/profile.sh # another MDB jar than the sample (its descriptors already in it)
#   bench/profile.sh --summary bench/target/profile-p20.collapsed
#
# Ports: ADAPTER_PORT (the ESMTP listener of the conf the build was made with, default 2525), ECSTREAM_PORT (its
# ECStream listener, default 1825) and HTTP_PORT (Payara's, default 8080). async-profiler comes from Maven Central (tools.profiler:async-profiler) through the Maven wrapper.
# Needs smtp-source (../shared/bench/setup.sh) and a JDK (the Attach API).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
if [ "${1:-}" = --summary ]; then exec java "$ROOT/bench/Profile.java" --summary "$2"; fi
ADAPTER_PORT="${ADAPTER_PORT:-2525}"
ECSTREAM_PORT="${ECSTREAM_PORT:-1825}"
HTTP_PORT="${HTTP_PORT:-8080}"
LOAD="${LOAD:-p20}"
WARMUP="${WARMUP:-60000}"
SECONDS_="${SECONDS_:-15}"
EVENT="${EVENT:-cpu}"
MAILDIR=/dev/shm/mta-profile-maildir-$ADAPTER_PORT
TARGET="$ROOT/bench/target"
PROFILER_VERSION=4.1
mkdir -p "$TARGET"

LIB="$TARGET/async-profiler/linux-x64/libasyncProfiler.so"
if [ ! -f "$LIB" ]; then
  (cd "$ROOT" && ./mvnw -B -q -N dependency:copy \
    -Dartifact=tools.profiler:async-profiler:$PROFILER_VERSION -DoutputDirectory="$TARGET/async-profiler")
  (cd "$TARGET/async-profiler" && unzip -q -o "async-profiler-$PROFILER_VERSION.jar" 'linux-x64/*')
fi
# async-profiler reads kernel stacks only where perf events are allowed
[ "$(cat /proc/sys/kernel/perf_event_paranoid)" -le 1 ] || sysctl -q kernel.perf_event_paranoid=1 2>/dev/null || true

MESSAGES="$TARGET/profile-messages"   # ECStream's: one 4 KiB message, linked 1,000 times
if [ "$LOAD" = ecstream ] && [ ! -f "$MESSAGES/999" ]; then
  mkdir -p "$MESSAGES"
  { printf 'From: bench@source.test\r\nTo: sink@peer.test\r\nSubject: profile\r\n\r\n'
    for _ in $(seq 1 51); do printf '%078d\r\n' 0; done; } >"$MESSAGES/0"
  for i in $(seq 1 999); do ln -f "$MESSAGES/0" "$MESSAGES/$i"; done
fi

load() {  # MESSAGES -> smtp-source at the profile's shape (ecstream-inject for ecstream, in thousands)
  case "$LOAD" in
    ecstream)
      local dirs=() i; for i in $(seq 1 $(( $1 / 1000 ))); do dirs+=("$MESSAGES"); done
      java -jar "$ROOT/ecstream-client/target/ecstream-inject.jar" --server "127.0.0.1:$ECSTREAM_PORT" \
        --from bench@source.test --to sink@peer.test "${dirs[@]}" >/dev/null
      return ;;
    p20) set -- -s 20 -m "$1" -d ;; p1) set -- -s 1 -m "$1" -d ;; p200) set -- -s 200 -m "$1" -d ;;
    p20conn) set -- -s 20 -m "$1" ;; *) echo "profile: LOAD is p20, p1, p200, p20conn or ecstream" >&2; exit 2 ;;
  esac
  smtp-source "$@" -l 4096 -f bench@source.test -t sink@peer.test -M source.test 127.0.0.1:"$ADAPTER_PORT" >/dev/null
}

started=""
stop() {
  [ -n "${loader:-}" ] && kill "$loader" 2>/dev/null || true
  if [ -n "$started" ]; then
    pkill -TERM -P "$started" 2>/dev/null || true; kill "$started" 2>/dev/null || true; wait "$started" 2>/dev/null || true
  fi
  rm -rf "$MAILDIR"
}
trap stop EXIT

if [ -z "${PID:-}" ]; then
  rm -rf "$MAILDIR"
  SERVER="$ROOT/run/target/server"
  java -cp "$ROOT/run/target/classes" org.mtalistener.run.PayaraMicroRun \
    --payara-micro="$SERVER/payara-micro.jar" --rar="$SERVER/mta-listener.rar" --mdb="${MDB_JAR:-$SERVER/sample-mdb.jar}" \
    --maildir="$MAILDIR" --http-port="$HTTP_PORT" --work="$TARGET/payara-profile" >"$TARGET/profile-server.log" 2>&1 &
  started=$!
  for _ in $(seq 1 300); do
    grep -q "is running" "$TARGET/profile-server.log" && break
    kill -0 "$started" 2>/dev/null || { cat "$TARGET/profile-server.log"; exit 1; }
    sleep 1
  done
  PID=$(pgrep -f payara-micro.jar -P "$started" | head -1)
  echo "profile: Payara Micro pid $PID, warming up with $WARMUP messages ($LOAD)"
  load "$WARMUP"; find "$MAILDIR/new" -type f -delete 2>/dev/null || true
fi

# a load that outlasts the profile: rounds of 20,000 messages, new/ emptied between them, each round's rate logged
rounds="$TARGET/profile-rounds.txt"; : >"$rounds"
( while :; do
    t0=$(date +%s%N); load 20000; t1=$(date +%s%N)
    echo $(( 20000 * 1000000000 / (t1 - t0) )) >>"$rounds"; find "$MAILDIR/new" -type f -delete 2>/dev/null || true
  done ) & loader=$!
sleep 2
OUT="$TARGET/profile-$LOAD"
java "$ROOT/bench/Profile.java" "$PID" "$LIB" "$SECONDS_" "$OUT" "$EVENT" | tee "$OUT.txt"
pkill -P "$loader" 2>/dev/null || true; kill "$loader" 2>/dev/null || true; wait "$loader" 2>/dev/null || true; loader=""
echo "rounds of 20,000 during the profile (msg/s, profiler attached): $(tr '\n' ' ' <"$rounds")" | tee -a "$OUT.txt"
