#!/bin/sh
# Screenshots of Payara Server's admin console for docs/operations.md, taken by a real headless Chromium (Debian: apt-get
# install chromium). Payara Server: the domain it/payara-server's IT leaves in target/ (the RAR, the sample MDB and
# the health WAR deployed, the adapter's thread pool made), started, shot and stopped again. Run `./mvnw verify -pl it/payara-server -am` first, with
# the same -Dit.port.base as here. Not part of the build. WildFly's console: wildfly.sh beside it.
#
#   docs/screenshots/make.sh [it.port.base]        (2600 by default: the admin console on 4648)
set -eu
base=${1:-2600}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
payara="$root/it/payara-server/target"
admin=$((base + 2000 + 48))
console="http://127.0.0.1:$admin"

shot() { # shot NAME URL: a PNG of the page once its scripts ran, made small (ImageMagick) when there is convert
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1280,800 \
    --virtual-time-budget=20000 --screenshot="$here/$1.png" "$2" 2>/dev/null
  if command -v convert >/dev/null; then
    convert "$here/$1.png" -resize 75% -colors 32 -strip "PNG8:$here/$1.png"
  fi
}

"$payara/payara6/bin/asadmin" start-domain --domaindir "$payara/domains" mta-listener-it
trap '"$payara/payara6/bin/asadmin" stop-domain --domaindir "$payara/domains" mta-listener-it' EXIT

# The console loads on the first request ("The Admin Console is starting"); the domain has no admin password, so
# there is no login page. Ask until the back end answers.
curl -s -o /dev/null "$console/" || true
until [ "$(curl -s -o /dev/null -w '%{http_code}' "$console/testifbackendisready.html")" = 200 ]; do sleep 5; done
curl -s -o /dev/null "$console/common/index.jsf"

shot payara-applications "$console/common/applications/applications.jsf"
shot payara-thread-pools "$console/web/configuration/threadPools.jsf?configName=server-config"
shot payara-resource-adapter-configs "$console/jca/resourceAdapterConfigs.jsf"
shot payara-mdb-settings "$console/ejb/configuration/ejbContainerMDBSettings.jsf?configName=server-config"
shot payara-health-ready "http://127.0.0.1:$((base + 2000 + 80))/health/ready"
