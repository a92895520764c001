package io.stackpilot.core.idempotency;

import java.time.Instant;
import java.util.Optional;

/** Idempotency keys per project, shared by all replicas (PostgreSQL implements it). Thread-safe. */
public interface IdempotencyRepository {

    /**
     * Claims the key for the project: true when this caller is the first (an in-progress record is stored), false
     * when a record exists that has not expired at {@code now}. An expired record is replaced. Atomic.
     */
    boolean tryClaim(String key, String projectId, String requestHash, Instant now, Instant expiresAt);

    /** Stores the outcome of a claimed key. */
    void complete(String key, String projectId, int status, String body, String resourceId);

    /** Drops a claim whose request failed before anything was created, so that a retry may run again. */
    void release(String key, String projectId);

    /** The record for the key if it has not expired at {@code now}. */
    Optional<IdempotencyRecord> find(String key, String projectId, Instant now);

    /** Deletes records expired before {@code now}; returns how many. */
    int deleteExpired(Instant now);
}
