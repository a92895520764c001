package io.stackpilot.core.idempotency;

import java.time.Instant;
import java.util.Optional;

/**
 * Idempotency keys per project, shared by all replicas (PostgreSQL implements it). A record has expired at
 * {@code now} when {@code expiresAt <= now}, its claim when {@code claimExpiresAt <= now}. Thread-safe.
 */
public interface IdempotencyRepository {

    /** How a {@link #tryClaim} ended. */
    enum Claim {
        /** No live record existed: an in-progress record is stored for this caller. */
        NEW,
        /**
         * An in-progress record of the same request had an expired claim (its caller died or failed ambiguously):
         * this caller holds it now, and must find out whether the earlier attempt created the server.
         */
        TAKEN_OVER,
        /** A live record exists: completed, of another request, or claimed by a caller whose claim runs. */
        HELD
    }

    /**
     * Claims the key for the project until {@code claimExpiresAt}; a new record lives until {@code expiresAt}. An
     * expired record is replaced. Atomic: of concurrent callers at most one gets {@link Claim#NEW} or
     * {@link Claim#TAKEN_OVER}.
     */
    Claim tryClaim(String key, String projectId, String requestHash, Instant now, Instant claimExpiresAt,
                   Instant expiresAt);

    /** Stores the outcome of a claimed key: the server the request created. */
    void complete(String key, String projectId, String serverId);

    /** Drops an in-progress record whose request certainly created nothing, so that a retry runs again. */
    void release(String key, String projectId);

    /** The record for the key if it has not expired at {@code now}. */
    Optional<IdempotencyRecord> find(String key, String projectId, Instant now);

    /**
     * Deletes at most {@code limit} records expired at {@code now} (one bounded statement, so a large backlog never
     * holds long locks); returns how many.
     */
    int deleteExpired(Instant now, int limit);
}
