package io.stackpilot.core.managed;

import io.stackpilot.core.common.Require;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One thing the engine did on a cloud (or gave up on), for the audit trail: who (the replica and the operation),
 * in which project, to which managed server and VM, what ({@code action}: "boot", "adopt", "delete", "fail", ...),
 * with which outcome and the cloud's request ids. {@code operationId} and {@code serverId} may be null.
 */
public record EngineAction(Instant at, String replica, UUID operationId, String projectId, UUID managedServerId,
                           String serverId, String action, String message, List<String> upstreamRequestIds) {
    public EngineAction {
        Require.notNull(at, "at");
        Require.notBlank(replica, "replica");
        Require.notBlank(projectId, "projectId");
        Require.notNull(managedServerId, "managedServerId");
        Require.notBlank(action, "action");
        Require.notNull(message, "message");
        upstreamRequestIds = List.copyOf(Require.notNull(upstreamRequestIds, "upstreamRequestIds"));
    }

    /** The actor as the audit table names it. */
    public String actor() {
        return "replica:" + replica + (operationId == null ? "" : " operation:" + operationId);
    }
}
