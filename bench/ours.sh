# Our server on Payara Micro, for the bench scripts (sourced after ../shared/bench/lib.sh, not run): the quick start's
# conf with the bench's ports, a copy of an MDB jar with descriptors written from a conf, the command that runs it
# (what ./mvnw -Prun runs: PayaraMicroRun), and the Payara Micro JVM behind the launcher that start_peer started.
# The caller sets ROOT, WORK, LOGDIR, SERVER (run/target/server), MAILDIR and HTTP_PORT.

bench_conf() {  # SMTP_PORT ECSTREAM_PORT CONSOLE OUT [SCOPE...] -> conf/ecelerity.conf on those addresses, without SCOPEs
  local smtp=$1 ecstream=$2 console=$3 out=$4 want scope; shift 4
  sed -e "s/127.0.0.1:2525/127.0.0.1:$smtp/" -e "s/127.0.0.1:1825/127.0.0.1:$ecstream/" \
    -e "s#\"/tmp/2025\"#\"$console\"#" "$ROOT/conf/ecelerity.conf" >"$out"
  for want in "127.0.0.1:$smtp" "127.0.0.1:$ecstream" "\"$console\""; do
    grep -qF "$want" "$out" || { echo "bench: conf/ecelerity.conf no longer has the Listen $want replaces" >&2; return 1; }
  done
  for scope in "$@"; do
    awk -v s="$scope" '$1 == s { skip = 1 } !skip { print } skip && /^}/ { skip = 0 }' "$out" >"$out.tmp"
    mv "$out.tmp" "$out"
  done
}

mdb_jar() {  # JAR CONF MDB_CLASS [CONTROL_CLASS] -> a copy of JAR in $WORK with descriptors from CONF
  # (MDB_INTERFACE=BatchMailListener for a group-commit MDB, as the sample is; the copy is named after its MDB class)
  local jar=$1 name; name="$(basename "${1%.jar}")-${3##*.}.jar"
  local out="$WORK/${name%.jar}-descriptors"
  java -cp "$ROOT/conf/target/listenerconf.jar" org.mtalistener.conf.map.ListenerConf map "$2" \
    --mdb-class "$3" ${4:+--control-class "$4"} ${MDB_INTERFACE:+--mdb-interface "$MDB_INTERFACE"} \
    --out "$out/META-INF" >"$LOGDIR/listenerconf-$name.log" 2>&1 \
    || { echo "bench: listenerconf map $2 failed: $(cat "$LOGDIR/listenerconf-$name.log")" >&2; return 1; }
  cp "$jar" "$WORK/$name"
  (cd "$out" && jar uf "$WORK/$name" META-INF/*.xml)
  echo "$WORK/$name"
}

adapter_cmd() {  # MDB_JAR NAME -> the command that runs it on Payara Micro
  echo "java -cp $ROOT/run/target/classes org.mtalistener.run.PayaraMicroRun --payara-micro=$SERVER/payara-micro.jar \
 --rar=$SERVER/mta-listener.rar --mdb=$1 --maildir=$MAILDIR --work=$WORK/payara-$2 --http-port=$HTTP_PORT"
}

payara_pids() {  # -> the Payara Micro JVM(s) under the launcher start_peer started (PEER_PID)
  ps -o pid= --ppid "$PEER_PID" | tr -d " "
}

payara_rss_kib() {  # -> peak RSS (VmHWM) of the Payara Micro JVM, not the launcher
  local launcher=$PEER_PID total=0 child
  for child in $(payara_pids); do PEER_PID=$child; total=$((total + $(peak_rss_kib))); done
  PEER_PID=$launcher; echo "$total"
}
