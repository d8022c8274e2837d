#!/usr/bin/env bash
# Real TLS and AUTH clients against conf/examples/tls-auth-relay.conf: swaks (--tls, --tls-on-connect, --auth with
# PLAIN, LOGIN, CRAM-MD5 and DIGEST-MD5, a client certificate), Python's smtplib (starttls(), login()), openssl
# s_client -starttls smtp, and a client that pipelines after STARTTLS. Each prints its outcome; the script fails if
# one differs from what README (TLS, AUTH) and docs/tls-auth-demo.md document.
#
#   bench/tls-clients.sh pki                                  # a throwaway PKI (openssl) and password files in
#                                                             #   /tmp/mta-tls-demo, the paths the conf names
#   ./mvnw -Prun -Dconf=conf/examples/tls-auth-relay.conf     # in another terminal: the listeners on 127.0.0.1
#   bench/tls-clients.sh                                      # the clients
#
# Needs swaks (with Authen::SASL for DIGEST-MD5: libauthen-sasl-perl), openssl and python3. A manual tool, not part
# of ./mvnw verify. MAILDIR (default target/maildir/new) is where -Prun stores mail.
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PKI=/tmp/mta-tls-demo
HOST=127.0.0.1
SUBMISSION=2587   # STARTTLS + AUTH
IMPLICIT=2465     # Use_SSL
CLIENT_CERT=2588  # TLS_Verify_Mode = require
MAILDIR="${MAILDIR:-$ROOT/target/maildir/new}"

make_pki() {
  command -v openssl >/dev/null || { echo "tls-clients.sh: openssl is missing" >&2; exit 2; }
  rm -rf "$PKI" && mkdir -p "$PKI" && cd "$PKI" || exit 2
  ec() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }
  ca() {  # ca NAME SUBJECT
    ec "$1.key"
    openssl req -x509 -new -key "$1.key" -subj "$2" -days 2 -out "$1.pem" \
      -addext basicConstraints=critical,CA:true -addext keyUsage=critical,keyCertSign,cRLSign
  }
  issue() {  # issue NAME SUBJECT CA EXTENSIONS
    ec "$1.key"
    openssl req -new -key "$1.key" -subj "$2" -out "$1.csr"
    printf '%s\n' "$4" >"$1.ext"
    openssl x509 -req -in "$1.csr" -CA "$3.pem" -CAkey "$3.key" -CAcreateserial -days 2 -extfile "$1.ext" \
      -out "$1.pem" 2>/dev/null
    rm -f "$1.csr" "$1.ext"
  }
  ca ca "/CN=MTA Listener demo CA"
  issue server "/CN=localhost" ca $'basicConstraints=CA:false\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=DNS:localhost,IP:127.0.0.1'
  issue client "/CN=client.demo.test/O=Demo Client" ca $'basicConstraints=CA:false\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=clientAuth'
  ca other "/CN=Someone else's CA"
  issue stranger "/CN=stranger.test" other $'basicConstraints=CA:false\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=clientAuth'
  rm -f other.key ./*.srl
  chmod 600 ./*.key
  # alice: clear text (PLAIN, LOGIN, CRAM-MD5); bob: htdigest, realm "SMTP Users" (DIGEST-MD5)
  printf '# user:password, for AuthPlainParameters, AuthLoginParameters, AuthCramMD5Parameters\nalice:wonderland\n' \
    >smtp_passwd
  printf 'bob:SMTP Users:%s\n' "$(printf 'bob:SMTP Users:builder' | openssl md5 -r | cut -d' ' -f1)" >smtp_htdigest
  chmod 600 smtp_passwd smtp_htdigest
  echo "tls-clients.sh: certificates (valid for 2 days) and password files in $PKI:"
  ls "$PKI"
  echo "now: ./mvnw -Prun -Dconf=conf/examples/tls-auth-relay.conf, then bench/tls-clients.sh"
}

if [ "${1:-}" = pki ]; then
  make_pki
  exit 0
fi

for tool in swaks openssl python3; do
  command -v "$tool" >/dev/null || { echo "tls-clients.sh: $tool is missing" >&2; exit 2; }
done
[ -f "$PKI/ca.pem" ] || { echo "tls-clients.sh: no PKI in $PKI: run bench/tls-clients.sh pki first" >&2; exit 2; }
python3 - "$HOST" "$SUBMISSION" <<'PY' || { echo "tls-clients.sh: nothing listens on $HOST:$SUBMISSION; start ./mvnw -Prun -Dconf=conf/examples/tls-auth-relay.conf" >&2; exit 2; }
import socket, sys
socket.create_connection((sys.argv[1], int(sys.argv[2])), timeout=5).close()
PY

WORK="$(mktemp -d /tmp/mta-tls-clients.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
failures=0

# outcome NAME LOG REGEX... : every REGEX (grep -E) must match a line of LOG; a REGEX starting with ! must not.
# Prints the matching lines (the transcript in short) under the client's name.
outcome() {
  local name="$1" log="$2" ok=1 shown=""
  shift 2
  for want in "$@"; do
    if [ "${want:0:1}" = "!" ]; then
      if grep -Eq -- "${want:1}" "$log"; then ok=0; shown+="    unexpected: $(grep -Em1 -- "${want:1}" "$log")"$'\n'; fi
    elif grep -Eq -- "$want" "$log"; then
      shown+="    $(grep -Em1 -- "$want" "$log")"$'\n'
    else
      ok=0; shown+="    missing: /$want/"$'\n'
    fi
  done
  if [ $ok = 1 ]; then echo "ok    $name"; else echo "FAIL  $name"; failures=$((failures + 1)); fi
  printf '%s' "$shown"
  [ $ok = 1 ] || { echo "    --- transcript:"; sed 's/^/    /' "$log"; }
}

SWAKS=(swaks --server "$HOST" --helo client.test --tls-verify --tls-ca-path "$PKI/ca.pem" --timeout 20)

echo "== swaks --tls --auth: each mechanism over STARTTLS, the user relays"
for mech in PLAIN LOGIN CRAM-MD5 DIGEST-MD5; do
  if [ $mech = DIGEST-MD5 ]; then user=bob password=builder; else user=alice password=wonderland; fi
  token="tls-demo-$mech-$(date +%s%N)"
  "${SWAKS[@]}" --port $SUBMISSION --tls --auth $mech --auth-user $user --auth-password $password \
    --from "$user@demo.test" --to friend@elsewhere.test --header "Subject: $token" >"$WORK/$mech.log" 2>&1
  outcome "swaks --tls --auth $mech ($user) to friend@elsewhere.test" "$WORK/$mech.log" \
    '^<- +220 2\.0\.0 Ready to start TLS' "^ *~> AUTH $mech" '^<~ +235 2\.7\.0 Authentication successful' \
    '^<~ +250 2\.1\.5' '^<~ +250 2\.0\.0 OK queued as'
  [ $mech = PLAIN ] && plain_token="$token"
done

echo "== swaks --auth PLAIN without TLS: PLAIN and LOGIN are not offered in plain text"
"${SWAKS[@]}" --port $SUBMISSION --auth PLAIN --auth-user alice --auth-password wonderland \
  --from alice@demo.test --to friend@elsewhere.test >"$WORK/plain-no-tls.log" 2>&1
outcome "swaks --auth PLAIN, no --tls" "$WORK/plain-no-tls.log" \
  '^<-  250[- ]AUTH CRAM-MD5 DIGEST-MD5$' '^\*\*\* Auth not attempted, requested type not available' \
  '!^<. +235' '!250 2\.0\.0 OK queued'

echo "== swaks --tls without AUTH: local mail yes, relaying no"
"${SWAKS[@]}" --port $SUBMISSION --tls --from anon@client.test --to friend@elsewhere.test >"$WORK/anon-relay.log" 2>&1
outcome "swaks --tls, anonymous, to friend@elsewhere.test" "$WORK/anon-relay.log" \
  '^<~\*+ +550 5\.7\.1 relaying denied' '!250 2\.0\.0 OK queued'
"${SWAKS[@]}" --port $SUBMISSION --tls --from anon@client.test --to postmaster@demo.test >"$WORK/anon-local.log" 2>&1
outcome "swaks --tls, anonymous, to postmaster@demo.test" "$WORK/anon-local.log" '^<~ +250 2\.0\.0 OK queued as'

echo "== swaks --tls-on-connect (implicit TLS, port $IMPLICIT)"
"${SWAKS[@]}" --port $IMPLICIT --tls-on-connect --auth PLAIN --auth-user alice --auth-password wonderland \
  --from alice@demo.test --to friend@elsewhere.test >"$WORK/implicit.log" 2>&1
outcome "swaks --tls-on-connect --auth PLAIN" "$WORK/implicit.log" \
  '^=== TLS started with cipher' '^<~ +220 mx\.demo\.test ESMTP' '^<~ +235 2\.7\.0' '^<~ +250 2\.0\.0 OK queued as'

echo "== client certificates required (port $CLIENT_CERT)"
"${SWAKS[@]}" --port $CLIENT_CERT --tls --tls-cert "$PKI/client.pem" --tls-key "$PKI/client.key" \
  --from device@client.test --to friend@elsewhere.test >"$WORK/cert.log" 2>&1
outcome "swaks --tls --tls-cert client.pem, relays as a verified client" "$WORK/cert.log" \
  '^=== TLS local DN=".*client\.demo\.test' '^<~ +250 2\.1\.5' '^<~ +250 2\.0\.0 OK queued as'
"${SWAKS[@]}" --port $CLIENT_CERT --tls --from device@client.test --to postmaster@demo.test \
  >"$WORK/nocert.log" 2>&1
outcome "swaks --tls without a certificate" "$WORK/nocert.log" \
  '^<- +220 2\.0\.0 Ready to start TLS' '(TLS|SSL|startup|certificate|closed|EOF|Broken|handshake)' \
  '!^<~ +250 2\.0\.0 OK queued'
"${SWAKS[@]}" --port $CLIENT_CERT --tls --tls-cert "$PKI/stranger.pem" --tls-key "$PKI/stranger.key" \
  --from device@client.test --to postmaster@demo.test >"$WORK/stranger.log" 2>&1
outcome "swaks --tls --tls-cert stranger.pem (another CA)" "$WORK/stranger.log" \
  '^<- +220 2\.0\.0 Ready to start TLS' '!^<~ +250 2\.0\.0 OK queued'
printf 'EHLO client.test\nQUIT\n' | openssl s_client -connect $HOST:$CLIENT_CERT -starttls smtp -CAfile "$PKI/ca.pem" \
  -verify_return_error -brief -cert "$PKI/client.pem" -key "$PKI/client.key" -crlf -ign_eof \
  >"$WORK/s_client-cert.log" 2>&1
outcome "openssl s_client -starttls smtp -cert client.pem" "$WORK/s_client-cert.log" \
  '^Protocol version: TLSv1\.[23]' '^Verification: OK' '^250 ' '^221 2\.0\.0'
printf 'EHLO client.test\nQUIT\n' | openssl s_client -connect $HOST:$CLIENT_CERT -starttls smtp -CAfile "$PKI/ca.pem" \
  -brief -crlf -ign_eof >"$WORK/s_client-nocert.log" 2>&1
outcome "openssl s_client -starttls smtp, no certificate" "$WORK/s_client-nocert.log" \
  'alert (bad certificate|certificate required)' '!^221 '

echo "== openssl s_client -starttls smtp (port $SUBMISSION)"
printf 'EHLO client.test\nQUIT\n' | openssl s_client -connect $HOST:$SUBMISSION -starttls smtp -CAfile "$PKI/ca.pem" \
  -verify_return_error -brief -crlf -ign_eof >"$WORK/s_client.log" 2>&1
outcome "openssl s_client -starttls smtp, EHLO inside TLS" "$WORK/s_client.log" \
  '^Protocol version: TLSv1\.[23]' '^Verification: OK' '^250[- ]AUTH PLAIN LOGIN CRAM-MD5 DIGEST-MD5' \
  '!^250-STARTTLS' '^221 2\.0\.0'

echo "== STARTTLS with RSET pipelined behind it in one write (CVE-2011-0411)"
python3 - "$HOST" $SUBMISSION >"$WORK/injection.log" 2>&1 <<'PY'
import socket, sys
s = socket.create_connection((sys.argv[1], int(sys.argv[2])), timeout=20)
f = s.makefile('rb')
def reply():
    while True:
        line = f.readline().decode()
        print('<- ' + line.rstrip()) if line else print('<- (connection closed)')
        if not line or line[3:4] != '-':
            return line
reply()
s.sendall(b'EHLO client.test\r\n'); print('-> EHLO client.test'); reply()
s.sendall(b'STARTTLS\r\nRSET\r\n'); print(r'-> STARTTLS\r\nRSET\r\n (one write)')
reply(); reply()
PY
outcome "STARTTLS\\r\\nRSET\\r\\n in one write" "$WORK/injection.log" \
  '^<- 421 4\.7\.0 mx\.demo\.test STARTTLS refused: commands were pipelined after it, closing connection' \
  '^<- \(connection closed\)' '!^<- 250 2\.0\.0'

echo "== Python smtplib: starttls(), login()"
python3 - "$HOST" $SUBMISSION "$PKI/ca.pem" >"$WORK/smtplib.log" 2>&1 <<'PY'
import base64, smtplib, ssl, sys
host, port, ca = sys.argv[1], int(sys.argv[2]), sys.argv[3]
with smtplib.SMTP(host, port, local_hostname='client.test', timeout=20) as s:
    s.ehlo()
    print('before TLS, AUTH offers:', s.esmtp_features.get('auth', '').strip())
    print('AUTH PLAIN before TLS:', *s.docmd('AUTH', 'PLAIN ' + base64.b64encode(b'\0alice\0wonderland').decode()))
    print('starttls():', *s.starttls(context=ssl.create_default_context(cafile=ca)))
    print('TLS:', s.sock.version(), s.sock.cipher()[0])
    s.ehlo()
    print('after TLS, AUTH offers:', s.esmtp_features.get('auth', '').strip())
    s.user, s.password = 'alice', 'wonderland'
    print('auth PLAIN:', *s.auth('PLAIN', s.auth_plain))
    refused = s.sendmail('alice@demo.test', ['friend@elsewhere.test'], b'Subject: smtplib\r\n\r\nrelayed after login\r\n')
    print('sendmail refused recipients:', refused, '; last reply', s.noop()[0])
with smtplib.SMTP(host, port, local_hostname='client.test', timeout=20) as s:
    s.starttls(context=ssl.create_default_context(cafile=ca))
    print('login():', *s.login('alice', 'wonderland'))
PY
outcome "smtplib starttls() + login()" "$WORK/smtplib.log" \
  "^before TLS, AUTH offers: CRAM-MD5 DIGEST-MD5$" "^AUTH PLAIN before TLS: 538 b'5\.7\.11 " \
  "^starttls\(\): 220 b'2\.0\.0 Ready to start TLS'" '^TLS: TLSv1\.[23]' \
  "^after TLS, AUTH offers: PLAIN LOGIN CRAM-MD5 DIGEST-MD5$" "^auth PLAIN: 235 b'2\.7\.0 Authentication successful'" \
  '^sendmail refused recipients: \{\}' "^login\(\): 235 b'2\.7\.0 Authentication successful'"

echo "== a personality and relay rules per client (Peer scopes)"
"${SWAKS[@]}" --port $SUBMISSION --local-interface 127.0.0.2 --tls --from news@client1.test \
  --to friend@elsewhere.test >"$WORK/peer2-ok.log" 2>&1
outcome "from 127.0.0.2, sender domain client1.test, relays" "$WORK/peer2-ok.log" \
  '^<- +220 mx-acme\.demo\.test ESMTP' '^<~ +250 2\.1\.5' '^<~ +250 2\.0\.0 OK queued as'
"${SWAKS[@]}" --port $SUBMISSION --local-interface 127.0.0.2 --tls --from news@other.test \
  --to friend@elsewhere.test >"$WORK/peer2-denied.log" 2>&1
outcome "from 127.0.0.2, sender domain other.test, does not" "$WORK/peer2-denied.log" \
  '^<~\*+ +550 5\.7\.1 relaying denied'
"${SWAKS[@]}" --port $SUBMISSION --local-interface 127.0.0.3 --from app@anything.test \
  --to friend@elsewhere.test >"$WORK/peer3.log" 2>&1
outcome "from 127.0.0.3 (Relay_Hosts), static banner, relays without TLS or AUTH" "$WORK/peer3.log" \
  '^<- +220 my\.mail\.server ESMTP$' '^<- +250 2\.0\.0 OK queued as'

if [ -d "$MAILDIR" ] && [ -n "${plain_token:-}" ]; then
  echo "== what the sample MDB stored"
  stored="$(grep -l "$plain_token" "$MAILDIR"/* 2>/dev/null | head -1)"
  if [ -n "$stored" ]; then
    sed -n '1,3p' "$stored" | tr -d '\r' >"$WORK/stored.log"
  else
    echo "no message holds $plain_token in $MAILDIR" >"$WORK/stored.log"
  fi
  outcome "the PLAIN message in $MAILDIR" "$WORK/stored.log" 'by mx-0-1\.demo\.test' 'with ESMTPS id'
fi

echo
if [ $failures = 0 ]; then echo "tls-clients.sh: every client saw the documented behaviour"; else echo "tls-clients.sh: $failures client(s) did not"; fi
[ $failures = 0 ]
