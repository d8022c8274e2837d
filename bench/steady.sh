#!/usr/bin/env bash
# Steady-state throughput at p20 of one or more builds of the adapter (sample MDB on Payara Micro, its Maildir on
# /dev/shm) and of Postfix's smtp-sink, in one sitting: each server is warmed up with rounds of 20,000 messages until
# two successive rounds agree within 5 % (at most 8 rounds), then timed over 3 rounds of 60,000 messages whose median
# is reported, new/ emptied between rounds. Prints msg/s and the ratio to smtp-sink.
#
#   bench/steady.sh                          # this checkout
#   bench/steady.sh /path/to/other/checkout  # also another build (./mvnw -Prun package -DskipRun there first)
#
# Needs smtp-source and smtp-sink (../shared/bench/setup.sh). The adapter on 127.0.0.1:$ADAPTER_PORT (2525, the
# default conf; another port is the conf the build was made with, -Dconf=), Payara's HTTP on $HTTP_PORT (8080),
# smtp-sink on $SINK_PORT (2591); each server is stopped after its rounds.
# Then this checkout again with bench/blackhole.conf (Payara Micro's HTTP on 8745): Blackhole = discard on 2745 (the
# rate of receiving alone) and store on 2746 (receiving plus a forced write to the spill directory), the MDB never
# called; its descriptors are written into a copy of the sample MDB. BLACKHOLE=0 leaves those rows out.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
ADAPTER_PORT="${ADAPTER_PORT:-2525}"
HTTP_PORT="${HTTP_PORT:-8080}"
SINK_PORT="${SINK_PORT:-2591}"
MAILDIR=/dev/shm/mta-steady-maildir-$ADAPTER_PORT
OUT="$ROOT/bench/target/steady.txt"
mkdir -p "$ROOT/bench/target"

round() {  # PORT MESSAGES -> msg/s
  local t0 t1; t0=$(date +%s.%N)
  timeout 300 smtp-source -s 20 -m "$2" -l 4096 -d -f bench@source.test -t sink@peer.test -M source.test \
    127.0.0.1:"$1" >/dev/null || { echo "steady: smtp-source failed against :$1" >&2; exit 1; }
  t1=$(date +%s.%N); echo "$2 / ($t1 - $t0)" | bc -l | xargs printf '%.0f'
}

empty() { [ -d "$MAILDIR/new" ] && find "$MAILDIR/new" -type f -delete || true; }

measure() {  # NAME PORT -> the median line
  local name=$1 port=$2 prev=0 rate i
  for i in $(seq 1 8); do
    rate=$(round "$port" 20000); empty
    echo "  $name warm-up round $i: $rate msg/s" >&2
    if [ "$prev" -gt 0 ] && [ "$(echo "d = $rate - $prev; if (d < 0) d = -d; d * 100 < 5 * $prev" | bc)" = 1 ]; then
      break
    fi
    prev=$rate
  done
  local rates=()
  for i in 1 2 3; do rates+=("$(round "$port" 60000)"); empty; done
  echo "  $name timed rounds: ${rates[*]}" >&2
  printf '%s\n' "${rates[@]}" | sort -n | sed -n 2p
}

wait_banner() {
  for _ in $(seq 1 300); do
    if exec 3<>/dev/tcp/127.0.0.1/"$1" 2>/dev/null; then exec 3>&-; return 0; fi
    sleep 1
  done
  return 1
}

adapter() {  # CHECKOUT -> median msg/s
  local checkout=$1 server="$1/run/target/server" pid
  rm -rf "$MAILDIR"
  java -cp "$checkout/run/target/classes" org.mtalistener.run.PayaraMicroRun \
    --payara-micro="$server/payara-micro.jar" --rar="$server/mta-listener.rar" --mdb="$server/sample-mdb.jar" \
    --maildir="$MAILDIR" --http-port="$HTTP_PORT" --work="$ROOT/bench/target/payara-steady" >"$ROOT/bench/target/steady-server.log" 2>&1 &
  pid=$!
  wait_banner "$ADAPTER_PORT" || { kill "$pid"; echo 0; return; }
  measure "$(basename "$checkout")" "$ADAPTER_PORT"
  pkill -TERM -P "$pid" 2>/dev/null || true; kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
}

blackhole() {  # -> "discard store" median msg/s of this checkout under bench/blackhole.conf
  local server="$ROOT/run/target/server" copy="$ROOT/bench/target/blackhole" pid d s
  rm -rf "$copy"; mkdir -p "$copy/descriptors"
  cp "$server/sample-mdb.jar" "$copy/sample-mdb.jar"
  java -cp "$ROOT/conf/target/classes" org.mtalistener.conf.map.ListenerConf map "$ROOT/bench/blackhole.conf" \
    --mdb-class org.mtalistener.sample.SampleMailMdb --mdb-interface BatchMailListener --out "$copy/descriptors/META-INF" >&2
  (cd "$copy/descriptors" && jar uf "$copy/sample-mdb.jar" META-INF)
  java -cp "$ROOT/run/target/classes" org.mtalistener.run.PayaraMicroRun \
    --payara-micro="$server/payara-micro.jar" --rar="$server/mta-listener.rar" --mdb="$copy/sample-mdb.jar" \
    --maildir="$MAILDIR" --http-port=8745 --work="$ROOT/bench/target/payara-blackhole" \
    >"$ROOT/bench/target/blackhole-server.log" 2>&1 &
  pid=$!
  if wait_banner 2745 && wait_banner 2746; then
    d=$(measure "blackhole discard" 2745); s=$(measure "blackhole store" 2746)
  else
    d=0; s=0
  fi
  pkill -TERM -P "$pid" 2>/dev/null || true; kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
  echo "$d $s"
}

{
  echo "steady state, p20, 4 KiB messages, $(date -u +%FT%TZ), $(nproc) cores"
  smtp-sink -c -u nobody 127.0.0.1:$SINK_PORT 1000 >/dev/null 2>&1 &
  sink=$!
  wait_banner $SINK_PORT || { echo "steady: smtp-sink did not start" >&2; exit 1; }
  s=$(measure smtp-sink $SINK_PORT)
  kill "$sink" 2>/dev/null || true; wait "$sink" 2>/dev/null || true
  echo "smtp-sink: $s msg/s"
  for checkout in "$ROOT" "$@"; do
    a=$(adapter "$checkout")
    echo "adapter $(git -C "$checkout" rev-parse --short HEAD): $a msg/s, $(echo "$a / $s" | bc -l | xargs printf '%.2f') x smtp-sink"
  done
  if [ "${BLACKHOLE:-1}" != 0 ]; then
    read -r d b < <(blackhole)
    for row in "discard $d" "store $b"; do
      set -- $row
      echo "adapter $(git -C "$ROOT" rev-parse --short HEAD) Blackhole $1: $2 msg/s, $(echo "$2 / $s" | bc -l | xargs printf '%.2f') x smtp-sink"
    done
  fi
} | tee "$OUT"
