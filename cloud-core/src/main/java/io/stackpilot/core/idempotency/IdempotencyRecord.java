package io.stackpilot.core.idempotency;

import io.stackpilot.core.common.Require;
import java.time.Instant;

/**
 * What a request with an {@code Idempotency-Key} produced: the outcome is the id of the server it created, never
 * an HTTP answer (the API renders that). {@code requestHash} fingerprints the request so that the same key with
 * another body is refused. While {@code serverId} is null the request is in progress under a claim that expires at
 * {@code claimExpiresAt}; after that another caller may take the claim over. The whole record, completed or not,
 * expires at {@code expiresAt}.
 */
public record IdempotencyRecord(String key, String projectId, String requestHash, String serverId,
                                Instant createdAt, Instant claimExpiresAt, Instant expiresAt) {
    public IdempotencyRecord {
        Require.notBlank(key, "key");
        Require.notBlank(projectId, "projectId");
        Require.notBlank(requestHash, "requestHash");
        Require.notNull(createdAt, "createdAt");
        Require.notNull(claimExpiresAt, "claimExpiresAt");
        Require.notNull(expiresAt, "expiresAt");
    }

    public boolean completed() {
        return serverId != null;
    }
}
