package io.stackpilot.core.compute;

import io.stackpilot.core.common.Require;
import java.time.Instant;

/**
 * When one server existed, from Nova's usage report ({@code os-simple-tenant-usage}): started, and ended (null while
 * it still exists). {@code state} is the server's state at the end of the report window.
 */
public record ServerUsage(String serverId, String name, String projectId, Instant startedAt, Instant endedAt,
                          ServerStatus state) {
    public ServerUsage {
        Require.notBlank(serverId, "serverId");
        Require.notBlank(projectId, "projectId");
        Require.notNull(startedAt, "startedAt");
        Require.notNull(state, "state");
    }

    /** True when the server existed at that instant (started at or before it, not yet ended). */
    public boolean existedAt(Instant instant) {
        return !startedAt.isAfter(instant) && (endedAt == null || endedAt.isAfter(instant));
    }
}
