package io.stackpilot.core.preemption;

import io.stackpilot.core.common.Location;
import io.stackpilot.core.common.Require;
import java.time.Instant;
import java.util.UUID;

/**
 * One preemptible server deleted to make room: the victim (id, name, flavor, its project), the standard server it
 * made room for ({@code preemptedBy}, in {@code byProjectId}), why, when, where, and the {@code preempt} operation
 * that records it.
 */
public record Eviction(UUID id, String victimServerId, String victimName, String victimFlavor, String projectId,
                       String preemptedBy, String byProjectId, PreemptionReason reason, Instant preemptedAt,
                       Location location, UUID operationId) {
    public Eviction {
        Require.notNull(id, "id");
        Require.notBlank(victimServerId, "victimServerId");
        Require.notNull(victimName, "victimName");
        Require.notNull(victimFlavor, "victimFlavor");
        Require.notBlank(projectId, "projectId");
        Require.notBlank(preemptedBy, "preemptedBy");
        Require.notBlank(byProjectId, "byProjectId");
        Require.notNull(reason, "reason");
        Require.notNull(preemptedAt, "preemptedAt");
        Require.notNull(location, "location");
        Require.notNull(operationId, "operationId");
    }
}
