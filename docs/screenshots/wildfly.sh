#!/bin/sh
# Screenshots of WildFly's management console (HAL) for docs/operations.md, beside make.sh's Payara ones. HAL is a
# single-page application behind HTTP Digest: cdp.py drives a headless Chromium through its DevTools protocol, answers
# the login and waits for the pages (`chromium --screenshot` alone timed out on it). Not part of the build.
#
# A fresh WildFly from the wildfly-dist zip in ~/.m2 (the one it/wildfly unpacks) under a scratch directory,
# standalone-full.xml with it/wildfly's MicroProfile Health CLI, every port moved by an offset, everything on
# 127.0.0.1, a management user, and the EAR (its sample's listeners moved off their defaults, the Control socket
# under the scratch directory) and the health WAR deployed. Build them first:
#   ./mvnw -B -o -Dfuzz.skip -DskipTests -DskipITs package -pl it/wildfly -am
#
#   docs/screenshots/wildfly.sh [port-offset [first listener port]]   (1100, 3725: management on 11090, HTTP on 9180)
set -eu
offset=${1:-1100}
listen=${2:-3725}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
version=$(sed -n 's:.*<wildfly.version>\(.*\)</wildfly.version>.*:\1:p' "$root/pom.xml")
scratch=$(mktemp -d /tmp/wildfly-shots.XXXXXX)
home="$scratch/wildfly-$version"
management="http://127.0.0.1:$((9990 + offset))"
devtools=$((9222 + offset))
user=shots
password="shots-$(date +%s)!"

unzip -q "$HOME/.m2/repository/org/wildfly/wildfly-dist/$version/wildfly-dist-$version.zip" -d "$scratch"
"$home/bin/jboss-cli.sh" --file="$root/it/wildfly/src/test/cli/microprofile-health.cli" >/dev/null
"$home/bin/add-user.sh" -u "$user" -p "$password" -s

# The sample's listeners on listen.. listen+3 instead of 2525, 1825, 6280, 2081: only the activation values change,
# the MDBs keep their names.
mkdir -p "$scratch/ear/mdb"
(cd "$scratch/ear" && unzip -q "$root/ear/target/mta-listener.ear" && cd mdb && unzip -q ../sample-mdb.jar &&
  sed -i -e "s:>127.0.0.1\:2525<:>127.0.0.1\:$listen<:" -e "s:>127.0.0.1\:1825<:>127.0.0.1\:$((listen + 1))<:" \
    -e "s:>127.0.0.1\:6280<:>127.0.0.1\:$((listen + 2))<:" -e "s:>127.0.0.1\:2081<:>127.0.0.1\:$((listen + 3))<:" \
    -e "s:>/tmp/2025<:>$scratch/control<:" META-INF/ejb-jar.xml &&
  rm ../sample-mdb.jar && zip -qr ../sample-mdb.jar . && cd .. && rm -r mdb && zip -qr ../mta-listener.ear .)

"$home/bin/standalone.sh" -c standalone-full.xml -Djboss.bind.address=127.0.0.1 \
  -Djboss.bind.address.management=127.0.0.1 -Djboss.socket.binding.port-offset="$offset" >"$scratch/console.log" 2>&1 &
wildfly=$!
chromium=
stop() {
  [ -z "$chromium" ] || kill "$chromium" 2>/dev/null || true
  "$home/bin/jboss-cli.sh" -c --controller="127.0.0.1:$((9990 + offset))" --user="$user" --password="$password" \
    --command=shutdown >/dev/null 2>&1 || kill "$wildfly" 2>/dev/null || true
  wait
  rm -rf "$scratch"
}
trap stop EXIT
# started (0025) or started with errors (0026), on its standard output: the embedded CLI run wrote server.log too
until grep -q 'WFLYSRV002[56]' "$scratch/console.log"; do kill -0 "$wildfly"; sleep 2; done
cli() { "$home/bin/jboss-cli.sh" -c --controller="127.0.0.1:$((9990 + offset))" --user="$user" --password="$password" "$@"; }
cli --command="deploy $scratch/mta-listener.ear"
cli --command="deploy $root/health/target/mta-listener-health.war"

chromium --headless=new --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$scratch/chromium" \
  --remote-debugging-port="$devtools" about:blank 2>/dev/null &
chromium=$!
until curl -s -o /dev/null "http://127.0.0.1:$devtools/json/version"; do sleep 1; done

hal="$management/console/index.html"
python3 "$here/cdp.py" "$devtools" "$user" "$password" 12 \
  "$here/wildfly-deployments.png" "$hal#deployments" "mta-listener.ear" \
  "$here/wildfly-workmanager.png" "$hal#jca" "Workmanager|Thread Pools" \
  "$here/wildfly-bean-pool.png" "$hal#ejb3-configuration" "Bean Pool|mdb-strict-max-pool" \
  "$here/wildfly-ejb-thread-pool.png" "$hal#ejb3-configuration" "Services|Thread Pool|default" \
  "$here/wildfly-runtime-ejb.png" "$hal#runtime" "localhost|EJB" \
  "$here/wildfly-health-ready.png" "$management/health/ready" -
if command -v convert >/dev/null; then
  for png in "$here"/wildfly-*.png; do convert "$png" -resize 75% -colors 32 -strip "PNG8:$png"; done
fi
