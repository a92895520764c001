package io.stackpilot.core.testing;

import io.stackpilot.core.lease.Lease;
import io.stackpilot.core.lease.LeaseRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * In-memory {@link LeaseRepository} for tests; same contract as the PostgreSQL one. Its clock plays the store's
 * clock: give every replica of a test the same repository. Thread-safe.
 */
public final class InMemoryLeaseRepository implements LeaseRepository {
    private final Map<String, Lease> leases = new HashMap<>();
    private final Clock clock;

    public InMemoryLeaseRepository(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Optional<Lease> tryAcquire(String name, String holder, Duration ttl) {
        Instant now = clock.instant();
        Lease current = leases.get(name);
        if (current != null && !current.holder().equals(holder) && current.expiresAt().isAfter(now)) {
            return Optional.empty();
        }
        Lease taken = new Lease(name, holder, now.plus(ttl));
        leases.put(name, taken);
        return Optional.of(taken);
    }

    @Override
    public synchronized void release(String name, String holder) {
        leases.computeIfPresent(name, (n, lease) -> lease.holder().equals(holder) ? null : lease);
    }

    @Override
    public synchronized Optional<Lease> find(String name) {
        return Optional.ofNullable(leases.get(name));
    }
}
