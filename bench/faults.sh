#!/usr/bin/env bash
# The no-loss ledger under faults (issue 10): a sender gets 250 only after the MDB returned and its transaction
# committed, 4xx on any failure, and nothing acknowledged is lost.
#
# The ledger's MDB (it/support: org.mtalistener.it.ledger.LedgerMdb) stores each message in a Maildir when its
# delivery transaction commits; it throws for the messages marked "X-Ledger-Fault: throw" (5 %) and marks the
# transaction rollback-only for "rollback" (5 %). It runs on Payara Micro, started as ./mvnw -Prun starts it
# (run/'s PayaraMicroRun, the RAR first). The LedgerClient sends MESSAGES numbered messages from THREADS threads
# and records every final reply; it retries nothing. Meanwhile this script injects
#   1. one undeploy/redeploy of the MDB, once 30 % of the messages are stored: the MDB is deployed as an exploded
#      WAR and its .reload file touched, so Payara Micro undeploys and redeploys it in the same process (its
#      listener stops, then binds again);
#   2. one kill -9 of Payara Micro, once 60 % are stored, followed by a restart.
# At the end the client compares the replies with the Maildir and prints one line (acknowledged N, stored M,
# lost L, ...). Exits 1 if anything acknowledged is missing (or another breach of the promise, see
# Reconciliation), 2 if a fault could not be injected or the server did not start.
#
#   bench/faults.sh                             # 100,000 messages, 16 threads
#   MESSAGES=5000 THREADS=8 bench/faults.sh
#
# Ports: the MDB listens on 127.0.0.1:3725 (LedgerMdb.PORT), Payara Micro's HTTP on HTTP_PORT (3780). The client
# is bounded by RUN_TIMEOUT seconds, each start by START_TIMEOUT; every process started here is stopped at the end.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
MESSAGES="${MESSAGES:-100000}"
THREADS="${THREADS:-16}"
HTTP_PORT="${HTTP_PORT:-3780}"
RUN_TIMEOUT="${RUN_TIMEOUT:-7200}"
START_TIMEOUT="${START_TIMEOUT:-600}"
WORK="$ROOT/bench/target/faults"
MAILDIR="$WORK/maildir"
MDB="$WORK/ledger-mdb"
SERVER="$ROOT/run/target/server"

(cd "$ROOT" && ./mvnw -q -B -Prun package -DskipRun -DskipTests -pl run,it/support -am)

# The MDB as an exploded WAR: the ledger's classes and the sample's Maildir, nothing else (no descriptors, so no
# other listener binds).
rm -rf "$WORK"
mkdir -p "$MDB/WEB-INF/classes"
(cd "$ROOT/it/support/target/classes" && cp --parents org/mtalistener/it/StoreOnCommit.class \
  org/mtalistener/it/ledger/*.class "$MDB/WEB-INF/classes/")
(cd "$ROOT/sample-mdb/target/classes" && cp --parents org/mtalistener/sample/Maildir.class "$MDB/WEB-INF/classes/")

LAUNCHER=""   # PayaraMicroRun; Payara Micro is its only child
CLIENT=""
LOG=""

stop_all() {
  if [ -n "$CLIENT" ]; then kill -TERM "$CLIENT" 2>/dev/null || true; fi
  if [ -n "$LAUNCHER" ]; then
    local payara; payara=$(payara_pid)
    kill -TERM "$LAUNCHER" 2>/dev/null || true   # its shutdown hook stops Payara Micro
    for _ in $(seq 300); do kill -0 "$LAUNCHER" 2>/dev/null || break; sleep 0.2; done
    for p in $payara $LAUNCHER; do kill -KILL "$p" 2>/dev/null || true; done
    wait "$LAUNCHER" 2>/dev/null || true
    LAUNCHER=""
  fi
}
trap stop_all EXIT
trap 'exit 130' INT TERM

payara_pid() { ps -o pid= --ppid "$LAUNCHER" 2>/dev/null | tr -d ' ' | head -1; }

# count PATTERN -> how many lines of the current server log match
count() { grep -c -- "$1" "$LOG" 2>/dev/null || true; }

# until_log PATTERN N -> waits until the current server log has N lines matching PATTERN
until_log() {
  local t0=$SECONDS
  until [ "$(count "$1")" -ge "$2" ]; do
    kill -0 "$LAUNCHER" 2>/dev/null || { echo "faults.sh: the server exited, see $LOG" >&2; exit 2; }
    if (( SECONDS - t0 > START_TIMEOUT )); then echo "faults.sh: no \"$1\" after $START_TIMEOUT s, see $LOG" >&2; exit 2; fi
    sleep 0.5
  done
}

start_server() {  # NAME
  LOG="$WORK/server-$1.log"
  java -cp "$ROOT/run/target/classes" org.mtalistener.run.PayaraMicroRun --payara-micro="$SERVER/payara-micro.jar" \
    --rar="$SERVER/mta-listener.rar" --mdb="$MDB" --maildir="$MAILDIR" --work="$WORK/payara" \
    --http-port="$HTTP_PORT" >"$LOG" 2>&1 &
  LAUNCHER=$!
  until_log '=== MTA Listener Adapter is running' 1
}

stored() { find "$MAILDIR/new" -maxdepth 1 -type f 2>/dev/null | wc -l; }

# until_stored N -> waits until N messages are stored; fails if the client ended first (the fault came too late)
until_stored() {
  until [ "$(stored)" -ge "$1" ]; do
    kill -0 "$CLIENT" 2>/dev/null || { echo "faults.sh: the client ended before $1 messages were stored" >&2; exit 2; }
    sleep 0.5
  done
}

note() { echo "faults.sh: $(date -u +%T) $*" | tee -a "$WORK/timeline.txt"; }

start_server first
note "Payara Micro up; sending $MESSAGES messages from $THREADS threads"
t0=$SECONDS
timeout "$RUN_TIMEOUT" java -cp "$ROOT/it/support/target/classes" org.mtalistener.it.ledger.LedgerClient \
  --maildir="$MAILDIR" --messages="$MESSAGES" --threads="$THREADS" >"$WORK/ledger.txt" 2>"$WORK/client.log" &
CLIENT=$!

until_stored $(( MESSAGES * 3 / 10 ))
deployed=$(count 'ledger-mdb was successfully deployed')
touch "$MDB/.reload"
r0=$SECONDS
note "undeploy/redeploy of the MDB at $(stored) stored"
until_log 'ledger-mdb was successfully deployed' $(( deployed + 1 ))
note "MDB redeployed after $(( SECONDS - r0 )) s"

until_stored $(( MESSAGES * 6 / 10 ))
note "kill -9 of Payara Micro (pid $(payara_pid)) at $(stored) stored"
kill -KILL "$(payara_pid)"
wait "$LAUNCHER" 2>/dev/null || true
LAUNCHER=""
k0=$SECONDS
start_server restarted
note "Payara Micro restarted after $(( SECONDS - k0 )) s"

set +e
wait "$CLIENT"
status=$?
set -e
CLIENT=""
note "client done in $(( SECONDS - t0 )) s (exit $status)"
cat "$WORK/ledger.txt"
[ "$status" -eq 124 ] && echo "faults.sh: the client ran out of RUN_TIMEOUT ($RUN_TIMEOUT s)" >&2
exit "$status"
