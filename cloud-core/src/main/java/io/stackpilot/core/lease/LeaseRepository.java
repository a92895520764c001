package io.stackpilot.core.lease;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Leases for leader election between replicas (PostgreSQL implements it). Thread-safe; all replicas see one
 * store, so at most one holder exists per name at any instant given the callers' clocks agree.
 */
public interface LeaseRepository {

    /**
     * Takes the lease, or renews it when the holder already has it, until {@code now + ttl}. Fails (returns empty)
     * while another holder's lease has not expired at {@code now}. Atomic.
     */
    Optional<Lease> tryAcquire(String name, String holder, Instant now, Duration ttl);

    /** Gives the lease up if the holder has it, so another replica can take it at once. Idempotent. */
    void release(String name, String holder);

    /** The current lease, expired or not; empty if nobody ever took it or it was released. */
    Optional<Lease> find(String name);
}
