package io.stackpilot.core.identity;

import io.stackpilot.core.common.Location;
import io.stackpilot.core.common.Require;

/**
 * The caller's context for one operation, passed explicitly to every gateway call (never a ThreadLocal): the
 * Keystone token that OpenStack sees, whom it belongs to, where the call goes, and the trace that collects the
 * cloud's request ids for the audit trail. The token is a secret and is masked in {@link #toString()}.
 */
public record Session(String token, Principal principal, Location location, UpstreamTrace trace) {
    public Session {
        Require.notBlank(token, "token");
        Require.notNull(principal, "principal");
        Require.notNull(location, "location");
        Require.notNull(trace, "trace");
    }

    /** A session with a trace of its own. */
    public Session(String token, Principal principal, Location location) {
        this(token, principal, location, new UpstreamTrace());
    }

    /** The project the session's token is scoped to; sessions used for cloud calls are always project-scoped. */
    public ProjectRef project() {
        return principal.scopedProject()
                .orElseThrow(() -> new IllegalStateException("session is not scoped to a project"));
    }

    @Override
    public String toString() {
        return "Session[token=***, principal=" + principal + ", location=" + location + "]";
    }
}
