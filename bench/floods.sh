#!/usr/bin/env bash
# Floods and slow clients against the adapter (sample MDB on Payara Micro, as ./mvnw -Prun runs it), each bounded in
# time: 10,000 concurrent connections, slowloris in every state (greeting, command line, DATA, BDAT, TLS handshake,
# PROXY header), a 1 GiB message, 100,000 recipients. For each: what the attacking clients saw, whether a
# well-behaved client meanwhile still got 250, and the server's RSS and heap before / at the peak / after.
#
#   bench/floods.sh                                   # every scenario (about 20 minutes)
#   SCENARIOS="slow-data recipients" bench/floods.sh  # some of them
#   INTERVAL=10 DURATION=120 bench/floods.sh          # a slow client's byte interval and longest run, in seconds
#
# Needs python3 and openssl; raises its own open-file limit. Writes bench/target/floods.txt. The server is stopped
# at the end (and on Ctrl-C); nothing listens beyond 127.0.0.1.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SCENARIOS="${SCENARIOS:-connections slow-greeting slow-command slow-data slow-bdat slow-tls slow-proxy big-message recipients}"
INTERVAL="${INTERVAL:-10}"
DURATION="${DURATION:-120}"
WORK=/tmp/mta-floods
OUT="$ROOT/bench/target/floods.txt"
mkdir -p "$ROOT/bench/target" "$WORK"
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

[ -s "$WORK/server.pem" ] || openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=localhost" \
  -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" -keyout "$WORK/server.key" -out "$WORK/server.pem" 2>/dev/null

(cd "$ROOT" && ./mvnw -q -B -Prun package -DskipRun -Dconf="$ROOT/bench/floods/floods.conf")
SERVER="$ROOT/run/target/server"
rm -rf "$WORK/maildir"
java ${JAVA_OPTS:-} -cp "$ROOT/run/target/classes" org.mtalistener.run.PayaraMicroRun \
  --payara-micro="$SERVER/payara-micro.jar" --rar="$SERVER/mta-listener.rar" --mdb="$SERVER/sample-mdb.jar" \
  --maildir="$WORK/maildir" --http-port="${HTTP_PORT:-2580}" --work="$ROOT/bench/target/payara-floods" >"$ROOT/bench/target/floods-server.log" 2>&1 &
LAUNCHER=$!
stop() {
  pkill -TERM -P "$LAUNCHER" 2>/dev/null || true
  kill -TERM "$LAUNCHER" 2>/dev/null || true
  wait "$LAUNCHER" 2>/dev/null || true
}
trap stop EXIT

for _ in $(seq 1 240); do
  if grep -q "is running" "$ROOT/bench/target/floods-server.log"; then break; fi
  if ! kill -0 "$LAUNCHER" 2>/dev/null; then cat "$ROOT/bench/target/floods-server.log"; exit 1; fi
  sleep 1
done
PID=$(pgrep -f "payara-micro.jar" -P "$LAUNCHER" | head -1)
[ -n "$PID" ] || { echo "floods: Payara Micro did not start" >&2; exit 1; }

echo "floods: Payara Micro pid $PID; $(date -u +%FT%TZ); interval $INTERVAL s, duration $DURATION s" | tee "$OUT"
# shellcheck disable=SC2086
python3 "$ROOT/bench/floods.py" --pid "$PID" --port 2545 --proxy-port 2546 --interval "$INTERVAL" \
  --duration "$DURATION" $SCENARIOS | tee -a "$OUT"
