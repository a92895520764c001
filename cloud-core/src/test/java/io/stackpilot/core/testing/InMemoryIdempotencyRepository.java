package io.stackpilot.core.testing;

import io.stackpilot.core.idempotency.IdempotencyRecord;
import io.stackpilot.core.idempotency.IdempotencyRepository;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** In-memory {@link IdempotencyRepository} for tests; same contract as the PostgreSQL one. Thread-safe. */
public final class InMemoryIdempotencyRepository implements IdempotencyRepository {
    private final Map<String, IdempotencyRecord> records = new HashMap<>();

    @Override
    public synchronized boolean tryClaim(String key, String projectId, String requestHash, Instant now,
                                         Instant expiresAt) {
        IdempotencyRecord existing = records.get(id(key, projectId));
        if (existing != null && existing.expiresAt().isAfter(now)) {
            return false;
        }
        records.put(id(key, projectId),
                new IdempotencyRecord(key, projectId, requestHash, null, null, null, now, expiresAt));
        return true;
    }

    @Override
    public synchronized void complete(String key, String projectId, int status, String body, String resourceId) {
        records.computeIfPresent(id(key, projectId), (k, r) -> new IdempotencyRecord(r.key(), r.projectId(),
                r.requestHash(), status, body, resourceId, r.createdAt(), r.expiresAt()));
    }

    @Override
    public synchronized void release(String key, String projectId) {
        records.computeIfPresent(id(key, projectId), (k, r) -> r.completed() ? r : null);
    }

    @Override
    public synchronized Optional<IdempotencyRecord> find(String key, String projectId, Instant now) {
        return Optional.ofNullable(records.get(id(key, projectId))).filter(r -> r.expiresAt().isAfter(now));
    }

    @Override
    public synchronized int deleteExpired(Instant now) {
        int before = records.size();
        records.values().removeIf(r -> !r.expiresAt().isAfter(now));
        return before - records.size();
    }

    private static String id(String key, String projectId) {
        return projectId + "/" + key;
    }
}
