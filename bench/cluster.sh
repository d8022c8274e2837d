#!/usr/bin/env bash
# Two listener nodes behind HAProxy (issue 14): every message acknowledged 250 is in a node's store, whatever
# happens to a node, and clients go on through the other one.
#
# Two Payara Micro nodes of the adapter (run/'s PayaraMicroRun, --nohazelcast; the sample MDB, each node its own
# Maildir and HTTP port; descriptors mapped from bench/cluster/node.conf.template) and HAProxy (Debian's package, a
# foreground process with a config written here, not the system service) in front of them on 127.0.0.1. HAProxy
# connects to the nodes from PROXY_SOURCE and opens every connection with a PROXY v2 header naming the real client
# (the nodes' Listen has Proxy_Protocol), and health-checks each node's /health/ready.
#
# The ledger's client (it/support: LedgerClient, without faults: the sample MDB stores what it takes) records the
# reply to every message; three runs go through HAProxy's front:
#   1. one node up (the other not started yet):     MESSAGES_ONE messages -> msg/s with one node
#   2. both nodes up:                               MESSAGES_TWO messages -> msg/s with two nodes
#   (after 1 and 2, when Postfix's smtp-source is installed, SOURCE_MESSAGES 4 KiB messages from 20 pipelining
#   sessions through the front, as bench/steady.sh loads one node: msg/s only, smtp-source records no replies)
#   3. both up, node1 kill -9'ed once 30 % of MESSAGES_KILL are stored, and started again at once: how many
#      messages failed, how long HAProxy took to mark node1 down (its stats, polled every 0.1 s), when it was back.
# Then each run is set against both Maildirs; the last line sums them: "acknowledged N, stored M, lost L" (lost =
# acknowledged but in neither store). Exit 1 when L > 0 (or the ledger found another breach, or a stored message
# names HAProxy's address instead of the client's), 2 when the cluster could not be set up.
#
#   bench/cluster.sh
#   MESSAGES_ONE=2000 MESSAGES_TWO=2000 MESSAGES_KILL=4000 bench/cluster.sh
#   STORE=/dev/shm/wt-cluster bench/cluster.sh     # the Maildirs in memory: the nodes' CPU, not the disk's fsync
#
# At the end the fleet's console (console.jar with both nodes' sockets) prints the merged summary of the two nodes.
#
# Ports (all on 127.0.0.1, all parameters): the nodes' SMTP SMTP_PORT_1/SMTP_PORT_2 (4025/4125), HTTP
# HTTP_PORT_1/HTTP_PORT_2 (4080/4180), consoles CONSOLE_1/CONSOLE_2 (/tmp/wt-cluster-node1.sock, -node2.sock), HAProxy's
# front FRONT_PORT (4000) and stats STATS_PORT (4001). Each client run is bounded by RUN_TIMEOUT seconds, each start
# by START_TIMEOUT; every process started here is stopped at the end. Logs and stores: bench/target/cluster/.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SMTP_PORTS=("${SMTP_PORT_1:-4025}" "${SMTP_PORT_2:-4125}")
HTTP_PORTS=("${HTTP_PORT_1:-4080}" "${HTTP_PORT_2:-4180}")
CONSOLES=("${CONSOLE_1:-/tmp/wt-cluster-node1.sock}" "${CONSOLE_2:-/tmp/wt-cluster-node2.sock}")
FRONT_PORT="${FRONT_PORT:-4000}"
STATS_PORT="${STATS_PORT:-4001}"
PROXY_SOURCE="${PROXY_SOURCE:-127.0.0.2}"   # HAProxy's own address towards the nodes; the clients are 127.0.0.1
CHECK_INTER_MS="${CHECK_INTER_MS:-500}"      # HAProxy's health checks: every 0.5 s, 2 failed = down, 2 good = up
MESSAGES_ONE="${MESSAGES_ONE:-10000}"
MESSAGES_TWO="${MESSAGES_TWO:-10000}"
MESSAGES_KILL="${MESSAGES_KILL:-20000}"
THREADS="${THREADS:-16}"
SOURCE_MESSAGES="${SOURCE_MESSAGES:-20000}"   # 0: no smtp-source load
RUN_TIMEOUT="${RUN_TIMEOUT:-1800}"
START_TIMEOUT="${START_TIMEOUT:-600}"
WORK="$ROOT/bench/target/cluster"
STORE="${STORE:-$WORK}"                     # where node1/maildir and node2/maildir are
SERVER="$ROOT/run/target/server"

command -v haproxy >/dev/null || { echo "cluster.sh: needs HAProxy (apt-get install -y haproxy)" >&2; exit 2; }
(cd "$ROOT" && ./mvnw -q -B -Prun package -DskipRun -DskipTests -pl run,it/support,console -am)

rm -rf "$WORK" "$STORE"/node1/maildir "$STORE"/node2/maildir
mkdir -p "$WORK"

# Each node: its conf from the template, its descriptors mapped from it into a copy of the sample MDB's jar.
for i in 0 1; do
  node="$WORK/node$((i + 1))"
  mkdir -p "$node/descriptors/META-INF"
  sed -e "s|@SMTP_PORT@|${SMTP_PORTS[i]}|g" -e "s|@CONSOLE@|${CONSOLES[i]}|g" \
    "$ROOT/bench/cluster/node.conf.template" >"$node/node.conf"
  java -cp "$ROOT/conf/target/classes" org.mtalistener.conf.map.ListenerConf map "$node/node.conf" \
    --mdb-class org.mtalistener.sample.SampleMailMdb --mdb-interface BatchMailListener --control-class org.mtalistener.sample.SampleConsoleCommands \
    --out "$node/descriptors/META-INF" >/dev/null
  cp "$SERVER/sample-mdb.jar" "$node/sample-mdb.jar"
  (cd "$node/descriptors" && jar uf "$node/sample-mdb.jar" META-INF/ejb-jar.xml META-INF/glassfish-ejb-jar.xml \
    META-INF/jboss-ejb3.xml)
done

cat >"$WORK/haproxy.cfg" <<EOF
global
  log stdout format raw local0 info
  maxconn 4096

defaults
  log global
  mode tcp
  timeout connect 2s
  timeout client 5m
  timeout server 5m
  # a connection refused by a dead node is tried again, on the other node
  retries 3
  option redispatch 1

frontend smtp
  bind 127.0.0.1:$FRONT_PORT
  default_backend nodes

backend nodes
  balance leastconn
  option httpchk
  http-check send meth GET uri /health/ready
  default-server inter ${CHECK_INTER_MS}ms fall 2 rise 2 send-proxy-v2 source $PROXY_SOURCE
  server node1 127.0.0.1:${SMTP_PORTS[0]} check port ${HTTP_PORTS[0]}
  server node2 127.0.0.1:${SMTP_PORTS[1]} check port ${HTTP_PORTS[1]}

frontend stats
  mode http
  bind 127.0.0.1:$STATS_PORT
  timeout http-request 10s
  stats enable
  stats uri /
EOF

LAUNCHERS=("" "")   # PayaraMicroRun per node; Payara Micro is its only child
HAPROXY=""
CLIENT=""

payara_pid() { ps -o pid= --ppid "${LAUNCHERS[$1]}" 2>/dev/null | tr -d ' ' | head -1; }

stop_node() {  # INDEX
  local launcher=${LAUNCHERS[$1]} payara
  [ -n "$launcher" ] || return 0
  payara=$(payara_pid "$1")
  kill -TERM "$launcher" 2>/dev/null || true   # its shutdown hook stops Payara Micro
  for _ in $(seq 300); do kill -0 "$launcher" 2>/dev/null || break; sleep 0.2; done
  for p in $payara $launcher; do kill -KILL "$p" 2>/dev/null || true; done
  wait "$launcher" 2>/dev/null || true
  LAUNCHERS[$1]=""
}

stop_all() {
  if [ -n "$CLIENT" ]; then kill -TERM "$CLIENT" 2>/dev/null || true; wait "$CLIENT" 2>/dev/null || true; fi
  stop_node 0
  stop_node 1
  if [ -n "$HAPROXY" ]; then kill -TERM "$HAPROXY" 2>/dev/null || true; wait "$HAPROXY" 2>/dev/null || true; fi
}
trap stop_all EXIT
trap 'exit 130' INT TERM

note() { echo "cluster.sh: $(date -u +%T) $*" | tee -a "$WORK/timeline.txt"; }
fail() { echo "cluster.sh: $*" >&2; exit 2; }
now() { date +%s.%N; }
since() { echo "$(now) - $1" | bc -l | xargs printf '%.1f'; }

# state NODE -> HAProxy's status of that server: UP, DOWN, "UP 1/2" (going down), "DOWN 1/2" (coming up)...
state() {
  curl -s --max-time 2 "http://127.0.0.1:$STATS_PORT/;csv" | awk -F, -v s="$1" '$1 == "nodes" && $2 == s { print $18 }'
}

until_state() {  # NODE STATE
  local t0=$SECONDS
  until [ "$(state "$1")" = "$2" ]; do
    (( SECONDS - t0 <= START_TIMEOUT )) || fail "HAProxy did not see $1 $2 within $START_TIMEOUT s"
    sleep 0.1
  done
}

start_node() {  # INDEX NAME
  local i=$1 node="$WORK/node$(( $1 + 1 ))" log t0=$SECONDS
  log="$node/server-$2.log"
  java -cp "$ROOT/run/target/classes" org.mtalistener.run.PayaraMicroRun --payara-micro="$SERVER/payara-micro.jar" \
    --rar="$SERVER/mta-listener.rar" --mdb="$node/sample-mdb.jar" --health="$SERVER/mta-listener-health.war" \
    --maildir="$STORE/node$(( i + 1 ))/maildir" --work="$node/payara" --http-port="${HTTP_PORTS[i]}" >"$log" 2>&1 &
  LAUNCHERS[i]=$!
  until grep -qs '=== MTA Listener Adapter is running' "$log"; do
    kill -0 "${LAUNCHERS[i]}" 2>/dev/null || fail "node$(( i + 1 )) exited, see $log"
    (( SECONDS - t0 <= START_TIMEOUT )) || fail "node$(( i + 1 )) not up after $START_TIMEOUT s, see $log"
    sleep 0.5
  done
}

stored() { find "$STORE"/node1/maildir/new "$STORE"/node2/maildir/new -maxdepth 1 -type f 2>/dev/null | wc -l; }

start_ledger() {  # NAME MESSAGES
  timeout "$RUN_TIMEOUT" java -cp "$ROOT/it/support/target/classes" org.mtalistener.it.ledger.LedgerClient \
    --host=127.0.0.1 --port="$FRONT_PORT" --messages="$2" --threads="$THREADS" --faults=false \
    --maildir="$STORE/node1/maildir:$STORE/node2/maildir" >"$WORK/ledger-$1.txt" 2>"$WORK/client-$1.log" &
  CLIENT=$!
}

STATUS=0
finish_ledger() {  # NAME -> waits for the client, notes its line and its rate
  local status=0
  wait "$CLIENT" || status=$?
  CLIENT=""
  [ "$status" -eq 0 ] || STATUS=1
  [ "$status" -ne 124 ] || echo "cluster.sh: the client of run $1 ran out of RUN_TIMEOUT ($RUN_TIMEOUT s)" >&2
  local acknowledged seconds
  acknowledged=$(sed -n 's/^acknowledged \([0-9]*\),.*/\1/p' "$WORK/ledger-$1.txt")
  seconds=$(sed -n 's/^ledger: sent .* in \([0-9.]*\) s$/\1/p' "$WORK/client-$1.log")
  note "run $1: $(head -1 "$WORK/ledger-$1.txt")"
  note "run $1: $acknowledged acknowledged in $seconds s: $(echo "$acknowledged / $seconds" | bc -l | xargs printf '%.0f') msg/s (exit $status)"
  sed -n '2,$p' "$WORK/ledger-$1.txt"
}

# source_rate NAME -> smtp-source's load through the front, its msg/s noted
source_rate() {
  [ "$SOURCE_MESSAGES" -gt 0 ] && command -v smtp-source >/dev/null || return 0
  local t0 status=0; t0=$(now)
  timeout "$RUN_TIMEOUT" smtp-source -s 20 -m "$SOURCE_MESSAGES" -l 4096 -d -f bench@source.test -t sink@peer.test \
    -M source.test 127.0.0.1:"$FRONT_PORT" >"$WORK/source-$1.log" 2>&1 || status=$?
  note "smtp-source $1: $SOURCE_MESSAGES messages in $(since "$t0") s: $(echo "$SOURCE_MESSAGES / ($(now) - $t0)" | bc -l | xargs printf '%.0f') msg/s (exit $status)"
}

haproxy -f "$WORK/haproxy.cfg" -db >"$WORK/haproxy.log" 2>&1 &
HAPROXY=$!
sleep 0.5
kill -0 "$HAPROXY" 2>/dev/null || fail "HAProxy did not start, see $WORK/haproxy.log"

start_node 0 first
until_state node1 UP
note "node1 up; HAProxy sees node1 $(state node1), node2 $(state node2)"
start_ledger one "$MESSAGES_ONE"
finish_ledger one
source_rate one

start_node 1 first
until_state node2 UP
note "node2 up; HAProxy sees node1 $(state node1), node2 $(state node2)"
start_ledger two "$MESSAGES_TWO"
finish_ledger two
source_rate two

base=$(stored)
start_ledger kill "$MESSAGES_KILL"
until [ $(( $(stored) - base )) -ge $(( MESSAGES_KILL * 3 / 10 )) ]; do
  kill -0 "$CLIENT" 2>/dev/null || fail "the client ended before 30 % of its messages were stored"
  sleep 0.2
done
victim=$(payara_pid 0)
kill -KILL "$victim"
killed=$(now)
note "kill -9 of node1 (pid $victim) at $(( $(stored) - base )) of $MESSAGES_KILL stored"
wait "${LAUNCHERS[0]}" 2>/dev/null || true
LAUNCHERS[0]=""
until_state node1 DOWN
note "HAProxy marked node1 DOWN $(since "$killed") s after the kill"
start_node 0 restarted
until_state node1 UP
note "node1 started again and UP $(since "$killed") s after the kill; $(( $(stored) - base )) stored by then"
finish_ledger kill
failed=$(sed -n 's/.*, 4xx \([0-9]*\), 5xx \([0-9]*\), no reply \([0-9]*\), not sent \([0-9]*\),.*/\1 \2 \3 \4/p' \
  "$WORK/ledger-kill.txt")
read -r t4 t5 noreply unsent <<<"$failed"
note "run kill: $(( t4 + t5 + noreply + unsent )) messages failed ($t4 4xx, $t5 5xx, $noreply no reply, $unsent not sent)"

# The fleet's console: both nodes in one summary.
java -jar "$ROOT/console/target/console.jar" "${CONSOLES[@]}" summary | tee "$WORK/fleet-summary.txt" || STATUS=1

# The nodes saw the client (127.0.0.1), not HAProxy ($PROXY_SOURCE): their Received headers say so.
seen_proxy=$(grep -rlF -- "[$PROXY_SOURCE]" "$STORE"/node1/maildir/new "$STORE"/node2/maildir/new | wc -l || true)
seen_client=$(grep -rlF -- "[127.0.0.1]" "$STORE"/node1/maildir/new "$STORE"/node2/maildir/new | wc -l || true)
note "Received headers: $seen_client name the client 127.0.0.1, $seen_proxy name HAProxy's $PROXY_SOURCE"
[ "$seen_proxy" -eq 0 ] || STATUS=1
note "stored per node: node1 $(find "$STORE/node1/maildir/new" -type f | wc -l), node2 $(find "$STORE/node2/maildir/new" -type f | wc -l)"

cat "$WORK"/ledger-{one,two,kill}.txt | awk -F', ' '/^acknowledged/ {
  for (i = 1; i <= 3; i++) { split($i, kv, " "); sum[i] += kv[2] }
} END { printf "acknowledged %d, stored %d, lost %d\n", sum[1], sum[2], sum[3]; exit sum[3] > 0 }' || STATUS=1
exit "$STATUS"
