package io.stackpilot.core.testing.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.core.lease.Lease;
import io.stackpilot.core.lease.LeaseRepository;
import io.stackpilot.core.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link LeaseRepository} keeps; extend it with a factory for an empty repository whose store
 * clock is the given one (the test moves it). A lease expires at its {@code expiresAt}: from that instant on another
 * holder may take it.
 */
public abstract class LeaseRepositoryContract {
    protected static final Instant NOW = Instant.parse("2026-11-22T06:00:00Z");
    protected static final Duration TTL = Duration.ofSeconds(30);

    private final MutableClock storeClock = new MutableClock(NOW);
    private LeaseRepository repository;

    /** A repository with no leases that judges expiry by {@code storeClock}. */
    protected abstract LeaseRepository newRepository(Clock storeClock);

    @BeforeEach
    void create_an_empty_repository() {
        repository = newRepository(storeClock);
    }

    /** Moves the store's clock to {@code instant} and tries to take the lease then. */
    private Optional<Lease> tryAcquireAt(Instant instant, String holder) {
        storeClock.set(instant);
        return repository.tryAcquire("collector", holder, TTL);
    }

    @Test
    void the_first_caller_takes_a_free_lease_until_now_plus_the_ttl() {
        assertThat(tryAcquireAt(NOW, "replica-a"))
                .contains(new Lease("collector", "replica-a", NOW.plus(TTL)));
        assertThat(repository.find("collector")).contains(new Lease("collector", "replica-a", NOW.plus(TTL)));
    }

    @Test
    void another_holder_is_refused_while_the_lease_is_valid() {
        tryAcquireAt(NOW, "replica-a");

        assertThat(tryAcquireAt(NOW.plus(TTL).minusMillis(1), "replica-b")).isEmpty();
        assertThat(repository.find("collector")).map(Lease::holder).contains("replica-a");
    }

    @Test
    void the_holder_renews_its_lease_before_it_expires() {
        tryAcquireAt(NOW, "replica-a");

        assertThat(tryAcquireAt(NOW.plusSeconds(10), "replica-a"))
                .contains(new Lease("collector", "replica-a", NOW.plusSeconds(10).plus(TTL)));
    }

    @Test
    void the_holder_takes_its_lease_again_after_it_expired() {
        tryAcquireAt(NOW, "replica-a");

        assertThat(tryAcquireAt(NOW.plusSeconds(300), "replica-a"))
                .contains(new Lease("collector", "replica-a", NOW.plusSeconds(300).plus(TTL)));
    }

    @Test
    void another_holder_takes_over_from_the_instant_the_lease_expires() {
        tryAcquireAt(NOW, "replica-a");

        assertThat(tryAcquireAt(NOW.plus(TTL), "replica-b"))
                .contains(new Lease("collector", "replica-b", NOW.plus(TTL).plus(TTL)));
        assertThat(tryAcquireAt(NOW.plus(TTL), "replica-a")).isEmpty();
    }

    @Test
    void release_lets_another_holder_take_the_lease_at_once() {
        tryAcquireAt(NOW, "replica-a");

        repository.release("collector", "replica-a");

        assertThat(repository.find("collector")).isEmpty();
        assertThat(tryAcquireAt(NOW.plusSeconds(1), "replica-b")).isPresent();
    }

    @Test
    void release_by_someone_else_changes_nothing_and_release_is_idempotent() {
        tryAcquireAt(NOW, "replica-a");

        repository.release("collector", "replica-b");
        repository.release("nothing-by-this-name", "replica-a");

        assertThat(repository.find("collector")).map(Lease::holder).contains("replica-a");
        repository.release("collector", "replica-a");
        repository.release("collector", "replica-a");
        assertThat(repository.find("collector")).isEmpty();
    }

    @Test
    void find_returns_an_expired_lease_too() {
        tryAcquireAt(NOW, "replica-a");

        assertThat(repository.find("collector")).contains(new Lease("collector", "replica-a", NOW.plus(TTL)));
        assertThat(repository.find("never-taken")).isEmpty();
    }

    @Test
    void leases_with_different_names_are_independent() {
        tryAcquireAt(NOW, "replica-a");

        assertThat(repository.tryAcquire("reconciler", "replica-b", TTL)).isPresent();
        assertThat(repository.find("collector")).map(Lease::holder).contains("replica-a");
    }
}
