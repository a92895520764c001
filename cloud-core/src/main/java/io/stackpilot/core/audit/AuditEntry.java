package io.stackpilot.core.audit;

import io.stackpilot.core.common.Require;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One API request, as recorded in the audit log. The id is made by the replica that served the request, so a
 * batch written twice (a retry after a lost acknowledgement) is stored once. Caller fields are null when the
 * request was not authenticated. {@code query} has secrets removed before it gets here; tokens, passwords and
 * user data are never part of an entry.
 */
public record AuditEntry(UUID id, Instant at, String requestId, String method, String route, String path,
                         String query, int status, long durationMs, String userId, String userName,
                         String projectId, String projectName, String clientAddress, String userAgent,
                         String replicaId, List<String> upstreamRequestIds) {
    public AuditEntry {
        Require.notNull(id, "id");
        Require.notNull(at, "at");
        Require.notBlank(requestId, "requestId");
        Require.notBlank(method, "method");
        Require.notNull(path, "path");
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status must be an HTTP status, was " + status);
        }
        Require.notNegative(durationMs, "durationMs");
        Require.notBlank(replicaId, "replicaId");
        upstreamRequestIds = List.copyOf(Require.notNull(upstreamRequestIds, "upstreamRequestIds"));
    }
}
