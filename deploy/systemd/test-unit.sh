#!/usr/bin/env bash
# Checks stackpilot.service offline (no running systemd needed): `systemd-analyze verify` finds nothing, the
# hardening keeps the exposure level at or below 2.0, and the stop timeout leaves room for the server's shutdown.
# Needs systemd-analyze 250+ (Debian 12 has 252); prints "N passed, N failed" last, exits non-zero on a failure.
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# verify derives the unit name from the file name; it also requires ExecStart's /usr/bin/java to exist (any version).
cp "$here/stackpilot.service" "$work/stackpilot.service"

passed=0
failed=0
check() {
    local name="$1"; shift
    if "$@" > "$work/out.txt" 2>&1; then
        passed=$((passed + 1)); echo "ok   $name"
    else
        failed=$((failed + 1)); echo "FAIL $name"; sed 's/^/     /' "$work/out.txt"
    fi
}

verify_is_silent() {
    (cd "$work" && systemd-analyze verify ./stackpilot.service) > "$work/verify.txt" 2>&1
    local status=$?
    cat "$work/verify.txt"
    [ "$status" -eq 0 ] && [ ! -s "$work/verify.txt" ]
}

# systemd-analyze's scale is 0..100 for the threshold, 0.0..10.0 in its report: 20 means "exposure <= 2.0".
exposure_is_low() {
    (cd "$work" && systemd-analyze security --offline=true --threshold=20 ./stackpilot.service) | tail -1
}

# TimeoutStopSec (seconds) >= STACKPILOT_SHUTDOWN_TIMEOUT's default (20 s) + 10 s.
stop_timeout_leaves_room() {
    local timeout
    timeout="$(sed -n 's/^TimeoutStopSec=\([0-9]*\)s\{0,1\}$/\1/p' "$here/stackpilot.service")"
    echo "TimeoutStopSec=${timeout:-missing}"
    [ -n "$timeout" ] && [ "$timeout" -ge 30 ]
}

# Every variable the unit or the example environment file names is one the daemon knows: a STACKPILOT_* name of
# DaemonConfig.KNOWN_VARIABLES (read from the source, so the two lists cannot drift apart), an OS_* name the cloud
# settings read, or the launcher's JAVA_OPTS.
names_are_pinned() {
    local config="$here/../../cloud-server/src/main/java/io/stackpilot/server/config/DaemonConfig.java"
    local known
    known="$(grep -o '"STACKPILOT_[A-Z0-9_]*"' "$config" | tr -d '"' | tr '\n' ' ')"
    [ -n "$known" ] || { echo "no STACKPILOT_* names found in $config"; return 1; }
    local pinned=" $known
        OS_CLOUD OS_CLIENT_CONFIG_FILE OS_AUTH_URL OS_USERNAME OS_PASSWORD OS_PROJECT_NAME OS_PROJECT_ID
        OS_USER_DOMAIN_NAME OS_USER_DOMAIN_ID OS_PROJECT_DOMAIN_NAME OS_PROJECT_DOMAIN_ID OS_REGION_NAME OS_INTERFACE
        OS_AUTH_TYPE OS_APPLICATION_CREDENTIAL_ID OS_APPLICATION_CREDENTIAL_SECRET JAVA_OPTS OS_CACERT "
    pinned="$(echo "$pinned" | tr -s ' \n' '  ')"
    local name unknown=0
    for name in $( { sed -n 's/^#\{0,1\}\([A-Z][A-Z0-9_]*\)=.*/\1/p' "$here/stackpilot.env.example"
                     sed -n 's/^Environment=\([A-Z][A-Z0-9_]*\)=.*/\1/p' "$here/stackpilot.service"; } | sort -u); do
        case "$pinned" in
            *" $name "*) ;;
            *) echo "not a pinned name: $name"; unknown=1 ;;
        esac
    done
    [ "$unknown" -eq 0 ]
}

if command -v systemd-analyze > /dev/null 2>&1; then
    check "systemd-analyze verify finds nothing in the unit" verify_is_silent
    check "the unit's exposure level is at most 2.0 (systemd-analyze security)" exposure_is_low
else
    failed=$((failed + 1)); echo "FAIL systemd-analyze is not installed (apt-get install systemd)"
fi
check "TimeoutStopSec leaves 10 s beyond the 20 s shutdown timeout" stop_timeout_leaves_room
check "every variable in the unit and the example environment file is a pinned name" names_are_pinned

echo "systemd unit: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
