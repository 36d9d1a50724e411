#!/usr/bin/env bash
# Smoke test of what `mvn -B -Pinstaller package` built: the app-image's launcher, run for real, and the .deb.
#   installer/smoke-test.sh             no root needed; the window check runs where Xvfb, xwininfo and GTK 3 are
#                                       (apt: xvfb x11-utils libgtk-3-0), else it is skipped
#   installer/smoke-test.sh --install   also installs the .deb with apt, runs it from PATH, removes and purges it
#                                       (root; CI)
# systemd-analyze verify of the probe's unit runs where systemd is installed (CI: always).
# Needs python3, and the JDK on PATH (or JAVA_HOME) for jdeps and the wss test server.
set -euo pipefail
cd "$(dirname "$0")"

fail() {
    echo "smoke-test: FAIL: $*" >&2
    exit 1
}

image=target/wsmon
launcher=$image/bin/wsmon
[[ -x $launcher ]] || fail "no $PWD/$launcher: build it with mvn -B -Pinstaller package"
version=$(sed -n 's/^java-options=-Djpackage.app-version=//p' "$image/lib/app/wsmon.cfg") # the pom's
deb=target/wsmon_${version}-1_amd64.deb # jpackage's name for it
[[ -f $deb ]] || fail "no $PWD/$deb beside the app-image"
java_bin=${JAVA_HOME:+$JAVA_HOME/bin/}
tmp=$(mktemp -d)
pids=()
cleanup() {
    if ((${#pids[@]})); then kill "${pids[@]}" 2> /dev/null || true; fi
    rm -rf "$tmp"
}
trap cleanup EXIT

ok() { echo "smoke-test: ok: $*"; }
expect() { grep -qF -- "$2" "$1" || fail "$1 has no $2"; }

# Every stdout line is one JSON object with a numeric ts and a string type (docs/cli-contract.md).
check_jsonl() {
    python3 - "$1" << 'EOF' || fail "$1 is not JSON Lines with ts and type"
import json, sys
lines = open(sys.argv[1]).read().splitlines()
assert lines, "no output"
for n, line in enumerate(lines, 1):
    event = json.loads(line)
    assert isinstance(event.get("ts"), int) and isinstance(event.get("type"), str), f"line {n}: {line}"
EOF
}

# A module missing from the runtime shows up as a stack trace (NoClassDefFoundError and the like).
check_no_trace() {
    if grep -E 'Exception|Error:|^\s+at ' "$1" >&2; then fail "stack trace on stderr ($1)"; fi
}

# The runtime holds every module jdeps finds in the app's jars (app-image.args lists them by hand).
check_modules() {
    local release=$image/lib/runtime/release
    local modules=" $(sed -n 's/^MODULES="\(.*\)"/\1/p' "$release") "
    local needed
    needed=$("${java_bin}jdeps" --multi-release "$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release")" \
        --print-module-deps --ignore-missing-deps --module-path "$image/lib/app/lib" --add-modules ALL-MODULE-PATH \
        "$image/lib/app/wsmon.jar")
    for module in ${needed//,/ }; do
        [[ $modules == *" $module "* ]] || fail "jdeps finds $module, not in the runtime: add it to app-image.args"
    done
    ok "the runtime has every module jdeps finds ($needed)"
}

# --version prints the version jpackage was given and exits 0.
check_version() {
    "$launcher" --version > "$tmp/version.txt" || fail "--version exited $?"
    [[ $(head -n 1 "$tmp/version.txt") == "wsmon $version" ]] || fail "--version printed: $(cat "$tmp/version.txt")"
    expect "$tmp/version.txt" "Licence: Apache-2.0"
    ok "--version: wsmon $version, Licence: Apache-2.0"
}

# THIRD-PARTY names every jar the app-image bundles (a new or updated dependency must be added there).
check_notices() {
    local doc=$image/share/doc
    for f in LICENSE THIRD-PARTY fleet.md; do [[ -s $doc/$f ]] || fail "no $doc/$f in the app-image"; done
    local jar missing=()
    for jar in "$image"/lib/app/lib/*.jar; do
        grep -q "^${jar##*/} |" "$doc/THIRD-PARTY" || missing+=("${jar##*/}")
    done
    ((${#missing[@]} == 0)) || fail "THIRD-PARTY lacks a line for: ${missing[*]} (file | component | licence | copyright | source)"
    grep -q "Classpath Exception" "$doc/THIRD-PARTY" || fail "THIRD-PARTY does not cover the Java runtime"
    ok "LICENSE, THIRD-PARTY (every one of $(ls "$image"/lib/app/lib/*.jar | wc -l) jars, the runtime) and fleet.md in share/doc"
}

# The headless demo: its embedded echo server, pinged every second.
check_demo() {
    "$launcher" --headless --demo --duration 3s > "$tmp/demo.jsonl" 2> "$tmp/demo.err" || fail "--demo exited $?"
    check_jsonl "$tmp/demo.jsonl"
    check_no_trace "$tmp/demo.err"
    expect "$tmp/demo.jsonl" '"state":"OPEN"'
    expect "$tmp/demo.jsonl" '"type":"latency"'
    ok "--headless --demo --duration 3s: exit 0, $(wc -l < "$tmp/demo.jsonl") JSON lines"
}

# wss:// to a separate server with an EC key (an RSA key would pass without jdk.crypto.ec), serving metrics.
check_wss() {
    "${java_bin}keytool" -genkeypair -alias wsmon -keyalg EC -groupname secp256r1 -dname CN=localhost \
        -ext SAN=ip:127.0.0.1 -validity 2 -storetype PKCS12 -keystore "$tmp/ec.p12" -storepass changeit 2> /dev/null
    mkfifo "$tmp/server.out" "$tmp/wss.err"
    "${java_bin}java" -cp "$image/lib/app/lib/*" WssEchoServer.java "$tmp/ec.p12" changeit \
        > "$tmp/server.out" 2> "$tmp/server.err" &
    pids+=($!)
    local port
    read -r -t 60 port < "$tmp/server.out" || fail "the wss test server did not start: $(cat "$tmp/server.err")"

    "$launcher" --headless --insecure --no-reconnect --duration 3s --ping-interval 500ms --metrics-port 0 \
        "wss://127.0.0.1:$port/" > "$tmp/wss.jsonl" 2> "$tmp/wss.err" &
    local wsmon=$! metrics= line drain
    exec 3< "$tmp/wss.err"
    while IFS= read -r -t 30 -u 3 line; do
        echo "$line" >> "$tmp/wss.stderr"
        if [[ $line == *"metrics on http://"* ]]; then metrics=${line##* } && break; fi
    done
    cat <&3 >> "$tmp/wss.stderr" & # drain the rest, so wsmon never blocks on stderr
    drain=$!
    [[ -n $metrics ]] || fail "no metrics address on stderr: $(cat "$tmp/wss.stderr")"
    # the endpoint listens a moment before the connection's series exist: ask again for up to 10 s
    python3 - "$metrics" << 'EOF' || fail "GET $metrics: no wsmon_connection_state"
import sys, time, urllib.request
deadline = time.monotonic() + 10
while "wsmon_connection_state" not in urllib.request.urlopen(sys.argv[1], timeout=10).read().decode():
    assert time.monotonic() < deadline
    time.sleep(0.1)
EOF
    wait "$wsmon" || fail "the wss run exited $? (1: never opened): $(cat "$tmp/wss.jsonl" "$tmp/wss.stderr")"
    wait "$drain"
    check_jsonl "$tmp/wss.jsonl"
    check_no_trace "$tmp/wss.stderr"
    expect "$tmp/wss.jsonl" '"state":"OPEN"'
    expect "$tmp/wss.jsonl" '"dir":"in"'
    expect "$tmp/wss.jsonl" '"type":"latency"'
    ok "wss:// with an EC certificate: opened, greeting and pongs read; metrics served; exit 0"
}

# The .deb: launcher, menu entry (resources/wsmon.desktop), icon, GTK dependency; Exec and Icon are files it installs.
check_deb() {
    dpkg-deb --info "$deb" > "$tmp/info.txt"
    dpkg-deb --contents "$deb" | awk '{print $NF}' > "$tmp/contents.txt"
    grep -qE '^ Depends:.*\blibgtk-3-0\b' "$tmp/info.txt" || fail "Depends lacks libgtk-3-0: $(cat "$tmp/info.txt")"
    entry=$(grep -E '^\./opt/wsmon/lib/.*\.desktop$' "$tmp/contents.txt") || fail "no desktop entry in $deb"
    dpkg-deb --fsys-tarfile "$deb" | tar -xO "$entry" > "$tmp/wsmon.desktop"
    for key in Categories Comment StartupWMClass; do
        [[ $(grep "^$key=" "$tmp/wsmon.desktop") == $(grep "^$key=" ../resources/wsmon.desktop) ]] ||
            fail "$entry: $key differs from resources/wsmon.desktop"
    done
    local exec_path icon_path
    exec_path=$(sed -n 's/^Exec=\([^ ]*\).*/\1/p' "$tmp/wsmon.desktop")
    icon_path=$(sed -n 's/^Icon=//p' "$tmp/wsmon.desktop")
    expect "$tmp/contents.txt" ".$exec_path"
    expect "$tmp/contents.txt" ".$icon_path"
    ok "$deb: Depends libgtk-3-0; $entry runs $exec_path, icon $icon_path"

    # the probe service, the licence and notices, the fleet files; the maintainer scripts that make the user
    for path in ./lib/systemd/system/wsmon@.service ./usr/share/doc/wsmon/copyright ./opt/wsmon/share/doc/LICENSE \
        ./opt/wsmon/share/doc/THIRD-PARTY ./opt/wsmon/share/doc/fleet.md ./opt/wsmon/share/prometheus/wsmon-alerts.yml \
        ./opt/wsmon/share/grafana/wsmon-dashboard.json; do
        grep -qxF "$path" "$tmp/contents.txt" || fail "$deb has no $path"
    done
    for script in postinst prerm postrm; do grep -qE "^ +[0-9]+ bytes, +[0-9]+ lines +\* +$script " "$tmp/info.txt" ||
        fail "$deb has no executable $script: $(cat "$tmp/info.txt")"; done
    local maintainer
    maintainer=$(sed -n 's/^ Maintainer: //p' "$tmp/info.txt")
    [[ $maintainer =~ ^[^\<]+\ \<[^@\ ]+@[^@\ ]+\.[a-z]+\>$ && $maintainer != *.invalid\> ]] ||
        fail "Maintainer is not 'Name <address>' with a real domain: '$maintainer'"
    dpkg-deb --fsys-tarfile "$deb" | tar -xO ./usr/share/doc/wsmon/copyright > "$tmp/copyright"
    grep -qx 'Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/' "$tmp/copyright" &&
        grep -qx 'License: Apache-2.0' "$tmp/copyright" || fail "/usr/share/doc/wsmon/copyright is not DEP-5 with Apache-2.0"
    ok "$deb: wsmon@.service, copyright (Apache-2.0), notices, rules, dashboard; postinst/prerm/postrm; Maintainer: $maintainer"
}

# systemd-analyze verify on the unit as the .deb installs it: in a root made of this system's units and the .deb's
# files, so that the checks of ExecStart's binary and of the units it names are real. Any finding fails.
check_unit() {
    local root=$tmp/unit-root
    mkdir -p "$root/etc/systemd/system" "$root/lib/systemd"
    cp -a /lib/systemd/system "$root/lib/systemd/"
    dpkg-deb --extract "$deb" "$root"
    [[ -x $root/opt/wsmon/bin/wsmon ]] || fail "the .deb has no /opt/wsmon/bin/wsmon"
    local rc=0
    systemd-analyze verify --root="$root" --man=no wsmon@probe.service > "$tmp/verify.txt" 2>&1 || rc=$?
    ((rc == 0)) && [[ ! -s $tmp/verify.txt ]] || fail "systemd-analyze verify wsmon@probe.service (exit $rc): $(cat "$tmp/verify.txt")"
    ok "systemd-analyze verify: wsmon@.service as packaged, no findings"
}

# The window opens, its WM class is the menu entry's StartupWMClass, and nothing is printed.
check_window() {
    local wm_class display ui
    wm_class=$(sed -n 's/^StartupWMClass=//p' ../resources/wsmon.desktop)
    exec 4< <(exec Xvfb -displayfd 1 -screen 0 1280x800x24 -nolisten tcp 2> "$tmp/xvfb.err")
    pids+=($!)
    read -r -t 30 -u 4 display || fail "Xvfb did not start: $(cat "$tmp/xvfb.err")"
    export DISPLAY=:$display
    HOME=$tmp/home XDG_CONFIG_HOME=$tmp/config "$launcher" > "$tmp/ui.out" 2> "$tmp/ui.err" &
    ui=$!
    pids+=($ui)
    for _ in $(seq 120); do # until the window is mapped, at most 60 s
        xwininfo -root -children | grep -qF "(\"$wm_class\" " && break
        sleep 0.5
    done
    xwininfo -root -children | grep -qF "(\"$wm_class\" " ||
        fail "no window of class $wm_class: $(xwininfo -root -children | grep '("') $(cat "$tmp/ui.err")"
    sleep 3 # let the demo connect and the chart draw
    [[ ! -s $tmp/ui.err && ! -s $tmp/ui.out ]] || fail "the desktop app printed: $(cat "$tmp/ui.out" "$tmp/ui.err")"
    # checked before: on SIGTERM the app exits 143 and JavaFX may print a RejectedExecutionException
    kill -TERM "$ui"
    wait "$ui" || true
    ok "desktop: a window of class $wm_class opened and ran the demo; nothing printed"
}

# apt installs the .deb: wsmon on PATH, the menu entry registered; apt remove takes all of it away again.
check_install() {
    [[ $(dpkg-query -W -f '${db:Status-Status}' wsmon 2> /dev/null) != installed ]] ||
        fail "wsmon is installed on this machine already; --install leaves it alone"
    local menu_entry=/usr/share/applications/${entry##*/}
    apt-get install -y -q "$PWD/$deb" > "$tmp/apt.log" 2>&1 || fail "apt-get install: $(cat "$tmp/apt.log")"
    [[ $(command -v wsmon) == /usr/bin/wsmon ]] || fail "wsmon is not on PATH after install"
    [[ $(wsmon --version | head -n 1) == "wsmon $version" ]] || fail "the installed wsmon --version differs"
    [[ -f $menu_entry ]] || fail "no $menu_entry after install"
    [[ $(getent passwd wsmon | cut -d: -f7) == /usr/sbin/nologin ]] || fail "no system user wsmon after install"
    [[ $(stat -c '%U:%G %a' /etc/wsmon) == "root:wsmon 750" ]] || fail "/etc/wsmon: $(stat -c '%U:%G %a' /etc/wsmon)"
    systemd-analyze verify --man=no wsmon@probe.service > "$tmp/verify.txt" 2>&1 && [[ ! -s $tmp/verify.txt ]] ||
        fail "systemd-analyze verify of the installed unit: $(cat "$tmp/verify.txt")"
    apt-get remove -y -q wsmon > "$tmp/apt.log" 2>&1 || fail "apt-get remove: $(cat "$tmp/apt.log")"
    [[ ! -e /usr/bin/wsmon && ! -e $menu_entry && ! -e /opt/wsmon/bin/wsmon ]] || fail "apt-get remove left files"
    [[ ! -e /lib/systemd/system/wsmon@.service ]] || fail "apt-get remove left wsmon@.service"
    getent passwd wsmon > /dev/null || fail "apt-get remove took the wsmon user (only purge should)"
    dpkg --purge wsmon > "$tmp/apt.log" 2>&1 || fail "dpkg --purge: $(cat "$tmp/apt.log")" # leave no trace
    ! getent passwd wsmon > /dev/null && ! getent group wsmon > /dev/null || fail "dpkg --purge left the wsmon user or group"
    [[ ! -e /etc/wsmon ]] || fail "dpkg --purge left an empty /etc/wsmon"
    ok "apt-get install: /usr/bin/wsmon runs, $menu_entry registered, user wsmon and /etc/wsmon made, the installed"
    ok "  unit verifies; apt-get remove takes the files away, dpkg --purge the user and /etc/wsmon"
}

check_modules
check_version
check_notices
check_demo
check_wss
check_deb
if command -v systemd-analyze > /dev/null && [[ -d /lib/systemd/system ]]; then
    check_unit
elif [[ ${CI:-} == true ]]; then
    fail "systemd-analyze is missing: apt-get install systemd (.ci/run does)"
else
    echo "smoke-test: skipped: systemd-analyze verify (apt-get install systemd to run it)"
fi
if command -v Xvfb > /dev/null && command -v xwininfo > /dev/null; then
    check_window
else
    echo "smoke-test: skipped: the window check (apt-get install xvfb x11-utils libgtk-3-0 to run it)"
fi
if [[ ${1:-} == --install ]]; then check_install; fi
