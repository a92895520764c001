package io.stackpilot.core.testing;

import io.stackpilot.core.idempotency.IdempotencyRecord;
import io.stackpilot.core.idempotency.IdempotencyRepository;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** In-memory {@link IdempotencyRepository} for tests; same contract as the PostgreSQL one. Thread-safe. */
public final class InMemoryIdempotencyRepository implements IdempotencyRepository {
    private final Map<String, IdempotencyRecord> records = new LinkedHashMap<>();

    @Override
    public synchronized Claim tryClaim(String key, String projectId, String requestHash, Instant now,
                                       Instant claimExpiresAt, Instant expiresAt) {
        IdempotencyRecord existing = records.get(id(key, projectId));
        Claim claim = Claim.NEW;
        if (existing != null && existing.expiresAt().isAfter(now)) {
            if (existing.completed() || existing.claimExpiresAt().isAfter(now)
                    || !existing.requestHash().equals(requestHash)) {
                return Claim.HELD;
            }
            claim = Claim.TAKEN_OVER;
        }
        Instant createdAt = claim == Claim.TAKEN_OVER ? existing.createdAt() : now;
        Instant lifetime = claim == Claim.TAKEN_OVER ? existing.expiresAt() : expiresAt;
        records.put(id(key, projectId), new IdempotencyRecord(key, projectId, requestHash, null, createdAt,
                claimExpiresAt, lifetime));
        return claim;
    }

    @Override
    public synchronized void complete(String key, String projectId, String serverId) {
        records.computeIfPresent(id(key, projectId), (k, r) -> new IdempotencyRecord(r.key(), r.projectId(),
                r.requestHash(), serverId, r.createdAt(), r.claimExpiresAt(), r.expiresAt()));
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
    public synchronized int deleteExpired(Instant now, int limit) {
        int deleted = 0;
        for (Iterator<IdempotencyRecord> it = records.values().iterator(); it.hasNext() && deleted < limit; ) {
            if (!it.next().expiresAt().isAfter(now)) {
                it.remove();
                deleted++;
            }
        }
        return deleted;
    }

    private static String id(String key, String projectId) {
        return projectId + "/" + key;
    }
}
