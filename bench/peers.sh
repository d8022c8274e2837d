#!/usr/bin/env bash
# The adapter (sample MDB on Payara Micro, as ./mvnw -Prun runs it) against the peers of ../shared/bench, side by
# side in one sitting, under the same smtp-source load; prints msg/s and the ratio to each peer.
#
#   bench/peers.sh                              # project + smtp-sink, profiles p20 and p1, 1 run each
#   PEERS="smtp-sink subethasmtp" RUNS=3 PROFILES="p20 p1 p200" bench/peers.sh
#
# Needs ../shared/bench/setup.sh to have been run (smtp-source, the Java peers). The sample MDB's Maildir is put
# on /dev/shm so the figure is the listener and the container, not this machine's fsync. Every load is bounded by
# its message count and RUN_TIMEOUT; every server is stopped after its run.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SHARED="$ROOT/../shared/bench"
export LOGDIR="${LOGDIR:-$ROOT/bench/target/logs}"
source "$SHARED/lib.sh"

RUNS="${RUNS:-1}"
PROFILES="${PROFILES:-p20 p1}"
PEERS="${PEERS:-smtp-sink}"
WARMUP="${WARMUP:-2000}"
SIZE="${SIZE:-4096}"
RUN_TIMEOUT="${RUN_TIMEOUT:-300}"
OUT="$ROOT/bench/target/results.csv"
mkdir -p "$ROOT/bench/target"

profile_args() {
  case $1 in
    p20) echo "20 20000 -d" ;; p1) echo "1 5000 -d" ;; p200) echo "200 20000 -d" ;; p20conn) echo "20 10000" ;;
    *) echo "unknown profile $1" >&2; return 1 ;;
  esac
}

load() {  # PORT SESSIONS MESSAGES [flags] -> seconds
  local port=$1 s=$2 m=$3; shift 3
  local t0 t1; t0=$(date +%s.%N)
  timeout "$RUN_TIMEOUT" smtp-source -s "$s" -m "$m" -l "$SIZE" "$@" \
    -f bench@source.test -t sink@peer.test -M source.test 127.0.0.1:"$port" >&2 || return 1
  t1=$(date +%s.%N); echo "$t1 - $t0" | bc -l
}

(cd "$ROOT" && ./mvnw -q -B -Prun package -DskipRun)
MAILDIR=/dev/shm/mta-bench-maildir
SERVER="$ROOT/run/target/server"
project_cmd="java ${JAVA_OPTS:-} -cp $ROOT/run/target/classes org.mtalistener.run.PayaraMicroRun \
 --payara-micro=$SERVER/payara-micro.jar --rar=$SERVER/mta-listener.rar --mdb=$SERVER/sample-mdb.jar \
 --maildir=$MAILDIR --work=$ROOT/bench/target/payara"

{ echo "project|2525|$project_cmd"; PEERS_CONF="$SHARED/peers.conf" peer_list $PEERS; } >"$ROOT/bench/target/peers.conf"

echo "peer,profile,run,msgs_per_s,peak_rss_mib,status" >"$OUT"
while IFS='|' read -r name port cmd <&3; do
  for prof in $PROFILES; do
    read -r s m flags <<<"$(profile_args "$prof")"
    for run in $(seq 1 "$RUNS"); do
      rm -rf "$MAILDIR"
      status=ok rate="" rss=""
      if start_peer "$name" "$port" "$cmd" "$LOGDIR/$name-$prof-$run.log"; then
        load "$port" 20 "$WARMUP" -d >/dev/null 2>>"$LOGDIR/$name-$prof-$run.log" || status=warmup-failed
        # shellcheck disable=SC2086
        if [ $status = ok ] && secs=$(load "$port" "$s" "$m" $flags 2>>"$LOGDIR/$name-$prof-$run.log"); then
          rate=$(echo "$m / $secs" | bc -l | xargs printf '%.0f')
        else
          status=${status/ok/load-failed}
        fi
        rss=$(( $(peak_rss_kib) / 1024 ))
        stop_peer
      else
        status=start-failed
      fi
      echo "$name,$prof,$run,$rate,$rss,$status" | tee -a "$OUT"
    done
  done
done 3<"$ROOT/bench/target/peers.conf"
rm -rf "$MAILDIR"

python3 - "$OUT" <<'PY'
import csv, statistics, sys
rows = [r for r in csv.DictReader(open(sys.argv[1])) if r["status"] == "ok"]
med = {}
for r in rows:
    med.setdefault((r["peer"], r["profile"]), []).append(int(r["msgs_per_s"]))
med = {k: statistics.median(v) for k, v in med.items()}
profiles = sorted({p for _, p in med}, key=["p20", "p1", "p200", "p20conn"].index)
print("\n| peer | " + " | ".join(f"{p} msg/s | project ÷ peer" for p in profiles) + " |")
print("|---|" + "---|---|" * len(profiles))
for peer in dict.fromkeys(p for p, _ in med):
    cells = []
    for p in profiles:
        v, own = med.get((peer, p)), med.get(("project", p))
        cells += [f"{v:.0f}" if v else "–", f"{own / v:.2f}×" if v and own else "–"]
    print(f"| {peer} | " + " | ".join(cells) + " |")
PY
