package io.stackpilot.core.idempotency;

import io.stackpilot.core.common.Require;
import java.time.Instant;
import java.util.Optional;

/**
 * What a request with an {@code Idempotency-Key} produced. {@code requestHash} fingerprints the request so that the
 * same key with another body is refused. While {@code status} is null the first request is still in progress.
 * {@code body} is the response as the API sent it (opaque here); {@code resourceId} e.g. the new server's id.
 */
public record IdempotencyRecord(String key, String projectId, String requestHash, Integer status, String body,
                                String resourceId, Instant createdAt, Instant expiresAt) {
    public IdempotencyRecord {
        Require.notBlank(key, "key");
        Require.notBlank(projectId, "projectId");
        Require.notBlank(requestHash, "requestHash");
        Require.notNull(createdAt, "createdAt");
        Require.notNull(expiresAt, "expiresAt");
    }

    public boolean completed() {
        return status != null;
    }

    public Optional<String> resource() {
        return Optional.ofNullable(resourceId);
    }
}
