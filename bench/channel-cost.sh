#!/usr/bin/env bash
# The heap a bare Netty channel costs, on JDK NIO and on Linux's epoll: bench/ChannelCost.java (one shared handler
# that greets) holds SESSIONS (10,000) connections of bench/idle-sessions.py; prints the bytes a channel (heap after
# full GCs, before and while they are held). The floor under what an idle session of ours can cost
# (docs/benchmarks.md, "Memory"). Stops by itself: the client holds at most 120 s.
#
#   bench/channel-cost.sh                      # Netty $NETTY (4.2.18.Final, the adapter's)
#   NETTY=4.1.86.Final bench/channel-cost.sh
#
# Knobs: NETTY (the version whose jars are in ~/.m2; epoll needs its netty-transport-native-epoll linux-x86_64 jar),
# TRANSPORTS ("nio epoll"), SESSIONS, PORT (3525). The server runs with -Xmx256m -XX:+UseG1GC, as Payara Micro does.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
NETTY="${NETTY:-4.2.18.Final}"
TRANSPORTS="${TRANSPORTS:-nio epoll}"
SESSIONS="${SESSIONS:-10000}"
PORT="${PORT:-3525}"
OUT="$ROOT/bench/target/channel-cost"
REPO="$HOME/.m2/repository/io/netty"
mkdir -p "$OUT"
ulimit -n "$(ulimit -Hn)"

CP=""
for a in netty-common netty-buffer netty-resolver netty-transport netty-transport-native-unix-common \
         netty-transport-classes-epoll; do
  CP="$CP:$REPO/$a/$NETTY/$a-$NETTY.jar"
done
CP="$CP:$REPO/netty-transport-native-epoll/$NETTY/netty-transport-native-epoll-$NETTY-linux-x86_64.jar"

SERVER="" CLIENT=""
stop() {
  for p in $CLIENT $SERVER; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  exec 3>&- 2>/dev/null || true
}
trap stop EXIT

for transport in $TRANSPORTS; do
  # last run's files go first: the background processes below truncate theirs only once they start
  rm -f "$OUT/in.fifo" "$OUT/$transport.out" "$OUT/$transport.client"; mkfifo "$OUT/in.fifo"
  java -Xms64m -Xmx256m -XX:+UseG1GC -cp "${CP#:}" "$ROOT/bench/ChannelCost.java" "$transport" "$PORT" \
    <"$OUT/in.fifo" >"$OUT/$transport.out" 2>&1 &
  SERVER=$!
  exec 3>"$OUT/in.fifo"
  for _ in $(seq 1 120); do grep -q '^ready' "$OUT/$transport.out" && break; kill -0 "$SERVER" || break; sleep 0.5; done
  grep -q '^ready' "$OUT/$transport.out" || { echo "channel-cost: $transport: $(cat "$OUT/$transport.out")" >&2; exit 1; }
  python3 "$ROOT/bench/idle-sessions.py" 127.0.0.1 "$PORT" "$SESSIONS" 120 >"$OUT/$transport.client" 2>&1 &
  CLIENT=$!
  until [ -s "$OUT/$transport.client" ]; do kill -0 "$CLIENT" 2>/dev/null || break; sleep 0.5; done
  grep -q '^held' "$OUT/$transport.client" || { echo "channel-cost: $(cat "$OUT/$transport.client")" >&2; exit 1; }
  echo held >&3
  until grep -q '^used' "$OUT/$transport.out"; do sleep 0.3; done
  echo quit >&3; exec 3>&-
  kill "$CLIENT" 2>/dev/null || true; wait "$CLIENT" 2>/dev/null || true; CLIENT=""
  wait "$SERVER" 2>/dev/null || true; SERVER=""
  awk -v t="$transport" -v n="$SESSIONS" -v v="$NETTY" '/^ready/ { r = $2 } /^used/ { u = $2 }
    END { printf "Netty %s %s: %d bytes a channel (%d channels)\n", v, t, (u - r) / n, n }' "$OUT/$transport.out"
done
