package io.stackpilot.core.managed;

import io.stackpilot.core.common.Require;
import java.time.Instant;
import java.util.UUID;

/**
 * Something the engine (or the owner) did to a managed server, and why: {@code reason} is CamelCase for machines
 * ("Created", "Recreating", "Drifted"), {@code message} a sentence for people. {@code actor} is "replica:&lt;id&gt;"
 * for the engine or the API caller's user id; {@code operationId} names the operation when there was one (else null).
 */
public record ManagedServerEvent(UUID managedServerId, Instant at, String reason, String message, String actor,
                                 UUID operationId) {
    public ManagedServerEvent {
        Require.notNull(managedServerId, "managedServerId");
        Require.notNull(at, "at");
        Require.notBlank(reason, "reason");
        Require.notNull(message, "message");
        Require.notBlank(actor, "actor");
    }
}
