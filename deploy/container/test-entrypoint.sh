#!/usr/bin/env bash
# Tests entrypoint.sh without a container engine: a stub `java` first on PATH records its pid, its arguments and
# the signals it gets. Exits non-zero when a check fails; prints "N passed, N failed" last.
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
entrypoint="$here/entrypoint.sh"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin" "$work/cwd"
touch "$work/cwd/-Dprobe=found-by-a-glob"

cat > "$work/bin/java" <<'STUB'
#!/usr/bin/env bash
# Stub JVM. STUB_OUT: file prefix for what it records. STUB_WAIT=1: wait for SIGTERM, then exit 0. STUB_EXIT: status.
printf '%s\n' "$$" > "$STUB_OUT.pid"
printf '%s\0' "$@" > "$STUB_OUT.args"
if [ "${STUB_WAIT:-}" = 1 ]; then
    trap 'echo TERM > "$STUB_OUT.signal"; exit 0' TERM
    touch "$STUB_OUT.ready"
    # Also ends once the test removes its work directory, so a failed run leaves no stub behind.
    while [ -f "$STUB_OUT.ready" ]; do sleep 0.05; done
fi
exit "${STUB_EXIT:-0}"
STUB
chmod +x "$work/bin/java"

passed=0
failed=0
case_number=0
DEFAULTS=(-XX:MaxRAMPercentage=75.0 -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp)
JAR=/opt/stackpilot/stackpilot-server.jar

pass() { passed=$((passed + 1)); echo "ok   $1"; }
fail() { failed=$((failed + 1)); echo "FAIL $1: $2"; }

# Runs the entrypoint in $work/cwd with the stub on PATH; sets $out (the stub's record prefix) and $status.
run_entrypoint() {
    case_number=$((case_number + 1))
    out="$work/case$case_number"
    (cd "$work/cwd" && env PATH="$work/bin:/usr/bin:/bin" STUB_OUT="$out" "$@" "$entrypoint" ${ARGS[@]+"${ARGS[@]}"}) \
        > "$out.stdout" 2> "$out.stderr"
    status=$?
}

# Compares the stub's recorded arguments with the expected ones, exactly (count, order, content).
expect_args() {
    local name="$1"; shift
    local -a actual=()
    if [ ! -f "$out.args" ]; then fail "$name" "java was not run (stderr: $(cat "$out.stderr"))"; return; fi
    mapfile -d '' actual < "$out.args"
    if [ "${actual[*]}" == "$*" ] && [ "${#actual[@]}" -eq "$#" ]; then
        pass "$name"
    else
        fail "$name" "expected ${#} args [$*], got ${#actual[@]} [${actual[*]}]"
    fi
}

ARGS=()
run_entrypoint env -u JAVA_OPTS
expect_args "runs java with the container defaults and the jar" "${DEFAULTS[@]}" -jar "$JAR"

run_entrypoint env JAVA_OPTS="  -Xmx256m   -Dprobe=*  -XX:MaxRAMPercentage=50.0 "
expect_args "appends JAVA_OPTS after the defaults, split on whitespace and never glob-expanded" \
    "${DEFAULTS[@]}" -Xmx256m '-Dprobe=*' -XX:MaxRAMPercentage=50.0 -jar "$JAR"

run_entrypoint env JAVA_OPTS=""
expect_args "an empty JAVA_OPTS adds no argument" "${DEFAULTS[@]}" -jar "$JAR"

ARGS=(--flag "two words" '*')
run_entrypoint env
expect_args "passes arguments that start with a dash to the server, after the jar, unchanged" \
    "${DEFAULTS[@]}" -jar "$JAR" --flag "two words" '*'

ARGS=(printf '%s' "another command")
run_entrypoint env
if [ "$status" -eq 0 ] && [ "$(cat "$out.stdout")" = "another command" ] && [ ! -f "$out.args" ]; then
    pass "runs another command instead of java when the first argument is not an option"
else
    fail "runs another command instead of java when the first argument is not an option" \
        "status $status, stdout '$(cat "$out.stdout")', java run: $([ -f "$out.args" ] && echo yes || echo no)"
fi

ARGS=()
run_entrypoint env STUB_EXIT=3
if [ "$status" -eq 3 ]; then pass "exits with the JVM's exit status"; else fail "exits with the JVM's exit status" "got $status"; fi

# The entrypoint needs no command but java (its shebang is absolute), so a PATH with nothing else hides any java.
mkdir -p "$work/empty"
case_number=$((case_number + 1))
out="$work/case$case_number"
(cd "$work/cwd" && PATH="$work/empty" exec "$entrypoint") > "$out.stdout" 2> "$out.stderr"
status=$?
if [ "$status" -eq 127 ]; then pass "fails with 127 when no java is on PATH"; else fail "fails with 127 when no java is on PATH" "got $status: $(cat "$out.stderr")"; fi

# exec, not a child: the stub must run with the entrypoint's own pid, and the SIGTERM sent to that pid (what
# `docker stop` and the kubelet do to PID 1) must reach it.
case_number=$((case_number + 1))
out="$work/case$case_number"
(cd "$work/cwd" && PATH="$work/bin:/usr/bin:/bin" STUB_OUT="$out" STUB_WAIT=1 exec "$entrypoint") \
    > "$out.stdout" 2> "$out.stderr" &
entrypoint_pid=$!
for _ in $(seq 1 100); do [ -f "$out.ready" ] && break; sleep 0.05; done
if [ ! -f "$out.ready" ]; then
    fail "replaces itself with java (same pid)" "the stub never started (stderr: $(cat "$out.stderr"))"
    kill -KILL "$entrypoint_pid" 2> /dev/null
else
    stub_pid="$(cat "$out.pid")"
    if [ "$stub_pid" = "$entrypoint_pid" ]; then
        pass "replaces itself with java (same pid)"
    else
        fail "replaces itself with java (same pid)" "entrypoint pid $entrypoint_pid, java pid $stub_pid"
        kill -TERM "$stub_pid" 2> /dev/null
    fi
    kill -TERM "$entrypoint_pid"
    wait "$entrypoint_pid"
    status=$?
    if [ "$status" -eq 0 ] && [ "$(cat "$out.signal" 2> /dev/null)" = TERM ]; then
        pass "SIGTERM to the entrypoint's pid reaches java, which exits 0"
    else
        fail "SIGTERM to the entrypoint's pid reaches java, which exits 0" \
            "status $status, signal file: $(cat "$out.signal" 2> /dev/null || echo missing)"
    fi
fi

if command -v shellcheck > /dev/null 2>&1; then
    if shellcheck -s sh "$entrypoint" > "$work/shellcheck.txt" 2>&1; then
        pass "shellcheck finds nothing in entrypoint.sh"
    else
        fail "shellcheck finds nothing in entrypoint.sh" "$(cat "$work/shellcheck.txt")"
    fi
fi

echo "entrypoint: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
