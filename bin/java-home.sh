# Sourced by the bin/ scripts: selects a JDK >= 21 (JAVA_HOME if it is one, else the newest under /usr/lib/jvm).
# The major version from the JDK's release file (no JVM start: ~0.1 s of every CLI call); else ask the JVM.
_sp_major() {
    local major
    major="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null)"
    [ "$major" = 1 ] && major=8   # JAVA_VERSION="1.8.0_..."; older than anything we accept
    [ -n "$major" ] || major="$("$1/bin/java" -XshowSettings:properties -version 2>&1 \
        | sed -n 's/^ *java.specification.version = //p')"
    echo "$major"
}
_sp_ok() { [ -n "$1" ] && [ -x "$1/bin/java" ] && [ "$(_sp_major "$1")" -ge 21 ] 2>/dev/null; }
if ! _sp_ok "${JAVA_HOME:-}"; then
    JAVA_HOME=""
    for _sp_candidate in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
        if _sp_ok "${_sp_candidate%/}"; then JAVA_HOME="${_sp_candidate%/}"; break; fi
    done
    if [ -z "$JAVA_HOME" ]; then
        _sp_java="$(command -v java || true)"
        if [ -n "$_sp_java" ]; then _sp_home="$(dirname "$(dirname "$(readlink -f "$_sp_java")")")"; _sp_ok "$_sp_home" && JAVA_HOME="$_sp_home"; fi
    fi
    [ -n "$JAVA_HOME" ] || { echo "Stackpilot needs JDK 21 or newer (set JAVA_HOME)" >&2; exit 1; }
fi
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
