package io.stackpilot.server.http;

import io.stackpilot.core.audit.AuditEntry;
import java.time.Instant;
import java.util.List;

/** An audit entry as the API shows it. */
record AuditJson(String id, Instant at, String requestId, String method, String route, String path, String query,
                 int status, long durationMs, String userId, String userName, String projectId, String projectName,
                 String clientAddress, String userAgent, String replicaId, List<String> upstreamRequestIds) {

    record Page(List<AuditJson> entries, String nextMarker) {
    }

    static AuditJson of(AuditEntry e) {
        return new AuditJson(e.id().toString(), e.at(), e.requestId(), e.method(), e.route(), e.path(), e.query(),
                e.status(), e.durationMs(), e.userId(), e.userName(), e.projectId(), e.projectName(),
                e.clientAddress(), e.userAgent(), e.replicaId(), e.upstreamRequestIds());
    }
}
