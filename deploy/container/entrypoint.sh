#!/bin/sh
# Container entrypoint: replaces itself with the JVM (exec), so the JVM is PID 1 and receives the runtime's SIGTERM.
#
#   entrypoint.sh [server arguments starting with -]   run the server
#   entrypoint.sh COMMAND [ARG...]                      run COMMAND instead (e.g. `sh` to look around)
#
# JAVA_OPTS (optional) is appended after the container-aware defaults below, so its options win
# (for -XX flags and -D properties the last occurrence counts). It is split on whitespace, never glob-expanded.
# Secrets: the server reads STACKPILOT_DB_PASSWORD_FILE itself; nothing is mapped here.
set -eu

# Heap as a share of the container's memory limit (the JVM reads cgroup limits); the rest is metaspace, thread
# stacks, direct buffers. Exit on OutOfMemoryError so the orchestrator restarts a clean process.
DEFAULT_JAVA_OPTS="-XX:MaxRAMPercentage=75.0 -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp"

if [ "$#" -gt 0 ] && [ "${1#-}" = "$1" ]; then
    exec "$@"
fi

set -f
# shellcheck disable=SC2086 # word splitting of the option strings is intended
exec java $DEFAULT_JAVA_OPTS ${JAVA_OPTS:-} -jar /opt/stackpilot/stackpilot-server.jar "$@"
