#!/usr/bin/env bash
# Real clients against the adapter: swaks, Python's smtplib and Postfix's smtp-source each deliver to the sample
# MDB on Payara Micro (started as ./mvnw -Prun starts it, with a Maildir of its own), and every stored message must
# be exactly what the client sent, after the adapter's Received header.
#
#   bench/clients.sh            # needs swaks and smtp-source: ../shared/bench/setup.sh installs them
#
# Everything binds to 127.0.0.1; the server is stopped at the end (SIGTERM, then SIGKILL after 60 s).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
for tool in swaks smtp-source python3; do
  command -v "$tool" >/dev/null || { echo "clients.sh: $tool is missing (see ../shared/bench/setup.sh)" >&2; exit 2; }
done

./mvnw -q -B -Prun package -DskipRun
WORK="$(mktemp -d /tmp/mta-clients.XXXXXX)"
MAILDIR="$WORK/maildir"
SERVER="$ROOT/run/target/server"
java -cp run/target/classes org.mtalistener.run.PayaraMicroRun --payara-micro="$SERVER/payara-micro.jar" \
  --rar="$SERVER/mta-listener.rar" --mdb="$SERVER/sample-mdb.jar" --maildir="$MAILDIR" --work="$WORK/payara" \
  >"$WORK/server.log" 2>&1 &
PID=$!
stop() { kill -TERM "$PID" 2>/dev/null || true; for _ in $(seq 300); do kill -0 "$PID" 2>/dev/null || break; sleep 0.2; done; kill -KILL "$PID" 2>/dev/null || true; }
trap stop EXIT
for _ in $(seq 900); do
  grep -q '=== MTA Listener Adapter is running' "$WORK/server.log" && break
  kill -0 "$PID" 2>/dev/null || { cat "$WORK/server.log" >&2; echo "clients.sh: the server did not start" >&2; exit 1; }
  sleep 0.2
done

# A message with CRLF line ends, 8-bit text and lines that need dot-stuffing.
token="clients-$(date +%s%N)"
printf 'From: <swaks@client.test>\r\nTo: <rcpt@server.test>\r\nSubject: %s\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\nGr\xc3\xbc\xc3\x9fe, \xc3\xa9t\xc3\xa9\r\n.a line starting with a dot\r\n..two dots\r\n.\r\nend\r\n' "$token" >"$WORK/message.eml"

# compare TOKEN FILE -> the stored message holding TOKEN, without its Received header, equals FILE
compare() {
  python3 - "$MAILDIR/new" "$1" "$2" <<'PY'
import os, sys
maildir, token, expected = sys.argv[1], sys.argv[2].encode(), open(sys.argv[3], 'rb').read()
hits = [os.path.join(maildir, f) for f in os.listdir(maildir) if token in open(os.path.join(maildir, f), 'rb').read()]
if len(hits) != 1:
    sys.exit(f"{len(hits)} stored messages hold {token.decode()}")
stored = open(hits[0], 'rb').read()
assert stored.startswith(b'Received: '), 'no Received header first'
i = 0
while True:  # the header ends at the first CRLF not followed by folding white space
    i = stored.index(b'\r\n', i) + 2
    if stored[i:i + 1] not in (b' ', b'\t'):
        break
if stored[i:] != expected:
    sys.exit(f"stored bytes differ from sent bytes ({len(stored) - i} vs {len(expected)})")
print(f"  byte-exact: {len(expected)} bytes in {os.path.basename(hits[0])}")
PY
}

echo "== swaks"
swaks --server 127.0.0.1:2525 --helo client.test --from swaks@client.test --to rcpt@server.test \
  --data "$WORK/message.eml" >"$WORK/swaks.log" 2>&1 || { cat "$WORK/swaks.log"; exit 1; }
grep -E '^<- +250 2\.0\.0' "$WORK/swaks.log"
# swaks writes CRLF "." CRLF after the file's own last CRLF, so the wire carries one more, empty, line
{ cat "$WORK/message.eml"; printf '\r\n'; } >"$WORK/message-swaks-wire.eml"
compare "$token" "$WORK/message-swaks-wire.eml"

echo "== Python smtplib"
sed "s/$token/$token-py/" "$WORK/message.eml" >"$WORK/message-py.eml"
python3 - "$WORK/message-py.eml" <<'PY'
import smtplib, sys
with smtplib.SMTP("127.0.0.1", 2525, local_hostname="client.test", timeout=30) as s:
    s.ehlo()
    refused = s.sendmail("python@client.test", ["rcpt@server.test", "other@server.test"], open(sys.argv[1], "rb").read(),
                         mail_options=["BODY=8BITMIME"])
    print("  refused:", refused, "last reply:", s.noop())
PY
compare "$token-py" "$WORK/message-py.eml"

echo "== smtp-source (20 messages, 5 sessions, 4096 bytes each)"
before=$(ls "$MAILDIR/new" | wc -l)
timeout 60 smtp-source -s 5 -m 20 -l 4096 -d -f bench@source.test -t sink@peer.test -M source.test 127.0.0.1:2525
python3 - "$MAILDIR/new" "$before" <<'PY'
import os, re, sys
maildir, before = sys.argv[1], int(sys.argv[2])
files = sorted(os.listdir(maildir), key=lambda f: os.path.getmtime(os.path.join(maildir, f)))[before:]
bodies = set()
for f in files:
    stored = open(os.path.join(maildir, f), 'rb').read()
    body = stored[stored.index(b'\r\n\r\n') + 4:]
    # smtp-source sends -l bytes of numbered X lines, then the CRLF before the final dot
    assert len(body) == 4096 + 2 and re.fullmatch(rb'(\d?X*\r\n)+', body), f"unexpected body in {f}"
    bodies.add(body)
assert len(files) == 20 and len(bodies) == 1, (len(files), len(bodies))
print(f"  {len(files)} messages stored, each with the {len(body)}-byte body smtp-source sent")
PY
echo "all clients delivered byte-exact into $MAILDIR"
