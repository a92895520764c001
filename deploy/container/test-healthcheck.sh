#!/usr/bin/env bash
# Tests HealthCheck.java (the image's HEALTHCHECK) against a tiny local HTTP server: compiles it as the Dockerfile
# does (javac --release 21) and checks its exit status. Needs a JDK 21+ (JAVA_HOME or PATH) and python3.
# Exits non-zero when a check fails; prints "N passed, N failed" last.
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
work="$(mktemp -d)"
server_pid=""
cleanup() {
    if [ -n "$server_pid" ]; then kill "$server_pid" 2> /dev/null; wait "$server_pid" 2> /dev/null; fi
    rm -rf "$work"
}
trap cleanup EXIT

bin="${JAVA_HOME:+$JAVA_HOME/bin/}"
if ! "${bin}javac" --release 21 -d "$work/classes" "$here/HealthCheck.java"; then
    echo "cannot compile HealthCheck.java with ${bin}javac (a JDK 21+ is needed)"
    echo "healthcheck: 0 passed, 1 failed"
    exit 1
fi

# /healthz -> 200, /sick -> 503, anything else 404. Binds 127.0.0.1 on a free port and writes the port to a file.
cat > "$work/server.py" << 'PY'
import http.server, sys
class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        status = {"/healthz": 200, "/sick": 503}.get(self.path, 404)
        body = b'{"status":"ok"}' if status == 200 else b'{}'
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args):
        pass
server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
with open(sys.argv[1], "w") as f:
    f.write(str(server.server_address[1]))
server.serve_forever()
PY
python3 "$work/server.py" "$work/port.tmp" &
server_pid=$!
for _ in $(seq 1 100); do [ -s "$work/port.tmp" ] && break; sleep 0.05; done
port="$(cat "$work/port.tmp")"

# A port nothing listens on: bind one, note it, close it.
closed_port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"

passed=0
failed=0
# expect NAME EXPECTED_EXIT EXPECTED_URL [VAR=VALUE...] [-- URL_ARGUMENT]
# Runs the probe with only the given STACKPILOT_* variables; checks its exit status and the URL it reports.
expect() {
    local name="$1" expected="$2" expected_url="$3"; shift 3
    local -a vars=() args=()
    while [ "$#" -gt 0 ]; do
        if [ "$1" = -- ]; then shift; args=("$@"); break; fi
        vars+=("$1"); shift
    done
    local output status
    output="$(env -u STACKPILOT_PORT -u STACKPILOT_BIND_ADDRESS ${vars[@]+"${vars[@]}"} \
        "${bin}java" -cp "$work/classes" HealthCheck ${args[@]+"${args[@]}"} 2>&1)"
    status=$?
    if [ "$status" -eq "$expected" ] && [[ "$output" == "$expected_url -> "* ]]; then
        passed=$((passed + 1)); echo "ok   $name ($output)"
    else
        failed=$((failed + 1)); echo "FAIL $name: expected exit $expected for $expected_url, got $status ($output)"
    fi
}

local_url="http://127.0.0.1:$port"
expect "healthy when GET /healthz on STACKPILOT_PORT answers 200" 0 "$local_url/healthz" STACKPILOT_PORT="$port"
expect "probes the loopback address when the server binds 0.0.0.0" 0 "$local_url/healthz" \
    STACKPILOT_PORT="$port" STACKPILOT_BIND_ADDRESS=0.0.0.0
expect "probes the bind address when the server binds one address" 0 "$local_url/healthz" \
    STACKPILOT_PORT="$port" STACKPILOT_BIND_ADDRESS=127.0.0.1
expect "brackets an IPv6 bind address" 1 "http://[::1]:$closed_port/healthz" \
    STACKPILOT_PORT="$closed_port" STACKPILOT_BIND_ADDRESS=::1
expect "unhealthy when nothing listens on the port" 1 "http://127.0.0.1:$closed_port/healthz" \
    STACKPILOT_PORT="$closed_port"
expect "uses port 8080 when STACKPILOT_PORT is unset" 1 "http://127.0.0.2:8080/healthz" STACKPILOT_BIND_ADDRESS=127.0.0.2
expect "unhealthy when STACKPILOT_PORT is not a port" 1 "http://127.0.0.1:not-a-port/healthz" STACKPILOT_PORT=not-a-port
expect "unhealthy when the answer is 503" 1 "$local_url/sick" -- "$local_url/sick"
expect "unhealthy when the answer is 404" 1 "$local_url/missing" -- "$local_url/missing"
expect "healthy for a 200 at a URL given as argument" 0 "$local_url/healthz" -- "$local_url/healthz"

echo "healthcheck: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
