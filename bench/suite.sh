#!/usr/bin/env bash
# The steady-state bench: every peer of ../shared/bench/peers.conf and three MDBs of ours on Payara Micro (the Maildir
# sample; bench/mdb's ReadingMdb that reads the content in a container transaction and keeps nothing; its group-commit
# twin BatchReadingMdb, a BatchMailListener, with Max_Concurrent_Deliveries = BATCH_CALLS), one after the other in one sitting, under the same load. Each server is started once and runs every profile in turn;
# per profile it is warmed up with rounds until two successive rounds agree within 5 % (or WARM_S seconds of load
# were spent on its first profile, the JIT's warm-up; WARM_NEXT_S on the next ones), then timed over 3 rounds whose
# median is reported, what it stored emptied between rounds (the Maildir's new/, GreenMail's memory). Then its peak
# RSS (VmHWM summed over its processes; for ours the Payara Micro JVM, not the launcher). Writes
# bench/target/suite/results.csv, results.md (the tables) and suite.png (the chart).
#
#   bench/suite.sh                                         # every server (20 min on a busy 2-core machine)
#   OTHER_PROFILES="p20 p1 p200 p20conn" bench/suite.sh     # every server, every profile (34 min on a busy machine)
#   SERVERS="smtp-sink adapter-reader" PROFILES="p20 ecstream" bench/suite.sh
#   BUILD=0 ROUND_S=1 P20_ROUND_S=1 WARM_S=3 WARM_NEXT_S=3 bench/suite.sh   # a quick check of the script
#
# Profiles (4 KiB messages from smtp-source; 250 after DATA):
#   p20      20 sessions, connection reused            p1       1 session, connection reused (latency)
#   p200     200 sessions, connection reused           p20conn  20 sessions, a new connection per message
#   ecstream ecstream-inject (ecstream-client), one connection, the messages smtp-source sends (ours only)
# Rounds: a probe round of PROBE messages, then rounds sized from the last rate to last P20_ROUND_S (p20, default
# 10 s), ECSTREAM_ROUND_S (ecstream, whose client JVM starts inside the round: default 25 s) or ROUND_S (the others,
# default 4 s) seconds, at most MAX_MSGS (60,000; ECSTREAM_MAX_MSGS, 300,000, for ecstream) messages: 60,000 at p20
# for a server that does 6,000 msg/s or more.
#
# Knobs: SERVERS, PROFILES (in the order run), FULL_SERVERS (those that run every profile: smtp-sink, subethasmtp and
# ours), OTHER_PROFILES (what the others run: p20; OTHER_PROFILES="$PROFILES" for every profile), ROUND_S,
# P20_ROUND_S, MAX_MSGS, BATCH_CALLS (2: group calls at once for adapter-batch), WARM_S (60), WARM_NEXT_S (20), SIZE (4096), RUN_TIMEOUT (300 s a round), START_TIMEOUT (180 s), BUILD (0: run what is built), OUT, and our
# Payara Micro's SMTP_PORT (2725), ECSTREAM_PORT (2726), CONSOLE (/tmp/wt-bench-2727) and HTTP_PORT (8725, also
# GreenMail's API port, to empty it). The peers keep their ports of peers.conf.
# Needs ../shared/bench/setup.sh (smtp-source, smtp-sink, the peers built in $HOME/.cache/mta-bench) and gnuplot for
# the chart. It builds what it runs first (./mvnw -Prun -pl run,bench/mdb,ecstream-client -am package).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SHARED="$ROOT/../shared/bench"
OUT="${OUT:-$ROOT/bench/target/suite}"
export LOGDIR="$OUT/logs"
START_TIMEOUT="${START_TIMEOUT:-180}"
source "$SHARED/lib.sh"
source "$ROOT/bench/ours.sh"

OURS="adapter-maildir adapter-reader adapter-batch"
SERVERS="${SERVERS:-smtp-sink $OURS $(peer_list | cut -d'|' -f1 | grep -vx smtp-sink | tr '\n' ' ')}"
PROFILES="${PROFILES:-p20 p1 p200 p20conn ecstream}"
# the servers the targets of issue 9 compare with run every profile; the others p20 only, so that all fit in ~20 min
FULL_SERVERS="${FULL_SERVERS:-smtp-sink subethasmtp $OURS}"
OTHER_PROFILES="${OTHER_PROFILES:-p20}"
ROUND_S="${ROUND_S:-4}"
P20_ROUND_S="${P20_ROUND_S:-10}"
MAX_MSGS="${MAX_MSGS:-60000}"
# ECStream's client is a JVM started in each round: long rounds, so that its own warm-up weighs little in the rate
# (60,000-message rounds gave 12,500 msg/s where 300,000-message rounds give 19,000)
ECSTREAM_ROUND_S="${ECSTREAM_ROUND_S:-25}"
ECSTREAM_MAX_MSGS="${ECSTREAM_MAX_MSGS:-300000}"
BATCH_CALLS="${BATCH_CALLS:-2}"
WARM_S="${WARM_S:-60}"
WARM_NEXT_S="${WARM_NEXT_S:-20}"
SIZE="${SIZE:-4096}"
RUN_TIMEOUT="${RUN_TIMEOUT:-300}"
SMTP_PORT="${SMTP_PORT:-2725}"
ECSTREAM_PORT="${ECSTREAM_PORT:-2726}"
CONSOLE="${CONSOLE:-/tmp/wt-bench-2727}"
HTTP_PORT="${HTTP_PORT:-8725}"
WORK="$OUT/work"
MAILDIR=/dev/shm/mta-suite-maildir
MESSAGES=/dev/shm/mta-suite-messages   # ECStream's files: links to one message as smtp-source sends it
CHUNK=1000                             # files in $MESSAGES; an ECStream round is a multiple of it
rm -rf "$WORK" "$MAILDIR" "$MESSAGES"
mkdir -p "$WORK" "$LOGDIR"

# sessions, smtp-source flags, probe messages, seconds a round lasts
declare -A SESSIONS=([p20]=20 [p1]=1 [p200]=200 [p20conn]=20 [ecstream]=1)
declare -A FLAGS=([p20]=-d [p1]=-d [p200]=-d [p20conn]="" [ecstream]="")
declare -A PROBE=([p20]=2000 [p1]=500 [p200]=2000 [p20conn]=500 [ecstream]=1000)
declare -A SECONDS_PER_ROUND=([p20]=$P20_ROUND_S [p1]=$ROUND_S [p200]=$ROUND_S [p20conn]=$ROUND_S [ecstream]=$ECSTREAM_ROUND_S)

log() { echo "suite: $*" >&2; }

# --- our servers: the quick start's conf with the bench's ports, descriptors written into a copy of each MDB jar

[ "${BUILD:-1}" = 0 ] || (cd "$ROOT" && ./mvnw -q -B -Prun -pl run,bench/mdb,ecstream-client -am package -DskipRun -DskipTests)
SERVER="$ROOT/run/target/server"
INJECT="$ROOT/ecstream-client/target/ecstream-inject.jar"
bench_conf "$SMTP_PORT" "$ECSTREAM_PORT" "$CONSOLE" "$WORK/bench.conf" || exit 1
# the reader has no console: its conf is the same without the Control_Listener scope
bench_conf "$SMTP_PORT" "$ECSTREAM_PORT" "$CONSOLE" "$WORK/bench-no-console.conf" Control_Listener || exit 1
# group commit: each mail listener of the reader's conf makes at most BATCH_CALLS group calls at once
sed -E "s/^(ESMTP_Listener|ECStream_Listener) \{/&\n  Max_Concurrent_Deliveries = $BATCH_CALLS/" \
  "$WORK/bench-no-console.conf" >"$WORK/bench-batch.conf"

server_line() {  # NAME -> "name|port|command"
  local jar
  case $1 in
    adapter-maildir)
      jar=$(MDB_INTERFACE=BatchMailListener mdb_jar "$SERVER/sample-mdb.jar" "$WORK/bench.conf" \
        org.mtalistener.sample.SampleMailMdb \
        org.mtalistener.sample.SampleConsoleCommands) || return 1
      echo "$1|$SMTP_PORT|$(adapter_cmd "$jar" maildir)" ;;
    adapter-reader)
      jar=$(mdb_jar "$ROOT/bench/mdb/target/bench-mdb.jar" "$WORK/bench-no-console.conf" \
        org.mtalistener.bench.ReadingMdb) || return 1
      echo "$1|$SMTP_PORT|$(adapter_cmd "$jar" reader)" ;;
    adapter-batch)
      jar=$(MDB_INTERFACE=BatchMailListener mdb_jar "$ROOT/bench/mdb/target/bench-mdb.jar" "$WORK/bench-batch.conf" \
        org.mtalistener.bench.BatchReadingMdb) || return 1
      echo "$1|$SMTP_PORT|$(adapter_cmd "$jar" batch)" ;;
    *) peer_list "$1" | grep . || { log "$1 is neither ours ($OURS) nor in $PEERS_CONF"; return 1; } ;;
  esac
}

profiles_of() {  # NAME -> the profiles it runs, in PROFILES' order
  local prof
  for prof in $PROFILES; do
    if [[ " $FULL_SERVERS " == *" $1 "* || " $OTHER_PROFILES " == *" $prof "* ]]; then echo "$prof"; fi
  done
}

speaks() {  # NAME PROFILE -> whether the server takes that profile's load (ECStream: ours only)
  [ "$2" != ecstream ] || [[ " $OURS " == *" $1 "* ]]
}

# --- what each server stored, emptied between rounds

empty_stored() {  # NAME
  case $1 in
    adapter-maildir) find "$MAILDIR/new" -type f -delete 2>/dev/null || true ;;
    greenmail) curl -sf --retry 3 --retry-connrefused --max-time 30 -X POST "http://127.0.0.1:$HTTP_PORT/api/mail/purge" >/dev/null \
      || log "greenmail: purge through its API on :$HTTP_PORT failed" ;;
  esac
}

# --- the ECStream messages: what smtp-source sends, caught by smtp-sink -D (its added headers taken off)

ecstream_messages() {
  local dump="$WORK/dump"
  mkdir -p "$dump" "$MESSAGES"; chmod 777 "$dump"   # smtp-sink writes as nobody
  start_peer capture 2526 "smtp-sink -u nobody -D $dump/m 127.0.0.1:2526 10" "$LOGDIR/capture.log"
  timeout 30 smtp-source -s 1 -m 1 -l "$SIZE" -d -f bench@source.test -t sink@peer.test -M source.test \
    127.0.0.1:2526 >>"$LOGDIR/capture.log" 2>&1
  stop_peer
  sed -n '/^From: /,$p' "$dump/m" | sed 's/$/\r/' >"$MESSAGES/0"
  local i; for i in $(seq 1 $((CHUNK - 1))); do ln "$MESSAGES/0" "$MESSAGES/$i"; done
  log "ECStream message: $(wc -c <"$MESSAGES/0") bytes, $CHUNK links in $MESSAGES"
}

# --- one round: the load, its rate, then the server emptied

round() {  # NAME PORT PROFILE MESSAGES -> msg/s
  local name=$1 port=$2 prof=$3 m=$4 t0 t1 ok=1
  t0=$(date +%s.%N)
  if [ "$prof" = ecstream ]; then
    local dirs=() i; for i in $(seq 1 $((m / CHUNK))); do dirs+=("$MESSAGES"); done
    timeout "$RUN_TIMEOUT" java -jar "$INJECT" --server "127.0.0.1:$ECSTREAM_PORT" --from bench@source.test \
      --to sink@peer.test "${dirs[@]}" >/dev/null 2>>"$LOGDIR/$name-load.log" || ok=0
  else
    # shellcheck disable=SC2086
    timeout "$RUN_TIMEOUT" smtp-source -s "${SESSIONS[$prof]}" -m "$m" -l "$SIZE" ${FLAGS[$prof]} \
      -f bench@source.test -t sink@peer.test -M source.test 127.0.0.1:"$port" >/dev/null 2>>"$LOGDIR/$name-load.log" \
      || ok=0
  fi
  t1=$(date +%s.%N)
  empty_stored "$name"
  [ $ok = 1 ] || { log "$name $prof: the load of $m messages failed (see $LOGDIR/$name-load.log)"; return 1; }
  awk -v m="$m" -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f\n", m / (b - a) }'
}

round_size() {  # PROFILE RATE -> messages for a round of its seconds at that rate
  awk -v r="$2" -v s="${SECONDS_PER_ROUND[$1]}" -v max="$([ "$1" = ecstream ] && echo "$ECSTREAM_MAX_MSGS" || echo "$MAX_MSGS")" -v c="$([ "$1" = ecstream ] && echo $CHUNK || echo 100)" \
    -v min="${PROBE[$1]}" 'BEGIN { m = r * s; if (m > max) m = max; if (m < min) m = min; printf "%d\n", int((m + c - 1) / c) * c }'
}

agree() { awk -v a="$1" -v b="$2" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(d * 100 < 5 * b) }'; }

measure() {  # NAME PORT PROFILE WARM_CAP_S -> "median min max warm_rounds warm_s round_msgs"
  local name=$1 port=$2 prof=$3 cap=$4 prev rate m warm_t0 n=1
  warm_t0=$(date +%s)
  prev=$(round "$name" "$port" "$prof" "${PROBE[$prof]}") || return 1
  log "$name $prof warm-up 1: ${PROBE[$prof]} msgs, $prev msg/s"
  while :; do
    m=$(round_size "$prof" "$prev")
    rate=$(round "$name" "$port" "$prof" "$m") || return 1
    n=$((n + 1))
    log "$name $prof warm-up $n: $m msgs, $rate msg/s"
    if agree "$rate" "$prev" || (( $(date +%s) - warm_t0 >= cap )); then break; fi
    prev=$rate
  done
  local warm_s=$(( $(date +%s) - warm_t0 )) rates=() i
  m=$(round_size "$prof" "$rate")
  for i in 1 2 3; do rates+=("$(round "$name" "$port" "$prof" "$m")") || return 1; done
  log "$name $prof timed: $m msgs × 3: ${rates[*]} msg/s"
  printf '%s\n' "${rates[@]}" | sort -n | tr '\n' ' ' | awk -v n=$n -v w="$warm_s" -v m="$m" '{ print $2, $1, $3, n, w, m }'
}

# peak_rss over the server's processes; for ours the Payara Micro JVM and below, not the launcher
server_rss_kib() {  # NAME
  if [[ " $OURS " == *" $1 "* ]]; then payara_rss_kib; else peak_rss_kib; fi
}

# --- the sitting

CSV="$OUT/results.csv"
echo "server,profile,median_msgs_per_s,min,max,warmup_rounds,warmup_s,round_msgs,peak_rss_mib" >"$CSV"
[[ " $PROFILES " == *" ecstream "* ]] && ecstream_messages
t_start=$(date +%s)
log "$(date -u +%FT%TZ): servers: $SERVERS; profiles: $PROFILES; $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
for name in $SERVERS; do
  line=$(server_line "$name") || continue
  IFS='|' read -r name port cmd <<<"$line"
  rm -rf "$MAILDIR"
  opts="$JAVA_OPTS"
  # GreenMail keeps every message in memory; its REST API (on our HTTP port, free while it runs) purges them
  [ "$name" = greenmail ] && opts="$opts -Dgreenmail.api.hostname=127.0.0.1 -Dgreenmail.api.port=$HTTP_PORT"
  t0=$(date +%s)
  if ! JAVA_OPTS="$opts" start_peer "$name" "$port" "$cmd" "$LOGDIR/$name.log"; then
    for prof in $(profiles_of "$name"); do speaks "$name" "$prof" && echo "$name,$prof,,,,,,," >>"$CSV"; done; continue
  fi
  log "$name started in $(( $(date +%s) - t0 )) s"
  results=() cap=$WARM_S
  for prof in $(profiles_of "$name"); do
    speaks "$name" "$prof" || continue
    if r=$(measure "$name" "$port" "$prof" "$cap"); then results+=("$prof $r"); else results+=("$prof failed"); fi
    cap=$WARM_NEXT_S
  done
  rss=$(( $(server_rss_kib "$name") / 1024 ))
  stop_peer
  for r in "${results[@]}"; do
    read -r prof med lo hi n w m <<<"$r"
    echo "$name,$prof,${med/failed/},$lo,$hi,$n,$w,$m,$rss" >>"$CSV"
  done
  log "$name done in $(( $(date +%s) - t0 )) s, peak RSS $rss MiB"
done
rm -rf "$MAILDIR" "$MESSAGES"
log "the sitting took $(( $(date +%s) - t_start )) s"

python3 "$ROOT/bench/suite-report.py" "$CSV" "$OUT"
if command -v gnuplot >/dev/null; then
  gnuplot "$OUT/suite.gp" && log "chart: $OUT/suite.png"
else
  log "no gnuplot (apt-get install -y gnuplot-nox): no chart"
fi
cat "$OUT/results.md"
