package io.stackpilot.core.lease;

import java.time.Duration;
import java.util.Optional;

/**
 * Leases for leader election between replicas (PostgreSQL implements it). Thread-safe. Expiry is judged by the
 * store's own clock (PostgreSQL's {@code now()}), never by the caller's: replicas whose clocks disagree still see
 * one expiry, so at most one holder exists per name at any instant.
 */
public interface LeaseRepository {

    /**
     * Takes the lease, or renews it when the holder already has it, until the store's now plus {@code ttl}. Fails
     * (returns empty) while another holder's lease has not expired by the store's clock. Atomic.
     */
    Optional<Lease> tryAcquire(String name, String holder, Duration ttl);

    /** Gives the lease up if the holder has it, so another replica can take it at once. Idempotent. */
    void release(String name, String holder);

    /** The current lease, expired or not; empty if nobody ever took it or it was released. */
    Optional<Lease> find(String name);
}
