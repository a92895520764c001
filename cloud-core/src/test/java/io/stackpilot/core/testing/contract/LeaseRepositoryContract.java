package io.stackpilot.core.testing.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.core.lease.Lease;
import io.stackpilot.core.lease.LeaseRepository;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link LeaseRepository} keeps; extend it with a factory for an empty repository. A lease
 * expires at its {@code expiresAt}: from that instant on another holder may take it.
 */
public abstract class LeaseRepositoryContract {
    protected static final Instant NOW = Instant.parse("2026-11-22T06:00:00Z");
    protected static final Duration TTL = Duration.ofSeconds(30);

    private LeaseRepository repository;

    /** A repository with no leases. */
    protected abstract LeaseRepository newRepository();

    @BeforeEach
    void create_an_empty_repository() {
        repository = newRepository();
    }

    @Test
    void the_first_caller_takes_a_free_lease_until_now_plus_the_ttl() {
        assertThat(repository.tryAcquire("collector", "replica-a", NOW, TTL))
                .contains(new Lease("collector", "replica-a", NOW.plus(TTL)));
        assertThat(repository.find("collector")).contains(new Lease("collector", "replica-a", NOW.plus(TTL)));
    }

    @Test
    void another_holder_is_refused_while_the_lease_is_valid() {
        repository.tryAcquire("collector", "replica-a", NOW, TTL);

        assertThat(repository.tryAcquire("collector", "replica-b", NOW.plus(TTL).minusMillis(1), TTL)).isEmpty();
        assertThat(repository.find("collector")).map(Lease::holder).contains("replica-a");
    }

    @Test
    void the_holder_renews_its_lease_before_it_expires() {
        repository.tryAcquire("collector", "replica-a", NOW, TTL);

        assertThat(repository.tryAcquire("collector", "replica-a", NOW.plusSeconds(10), TTL))
                .contains(new Lease("collector", "replica-a", NOW.plusSeconds(10).plus(TTL)));
    }

    @Test
    void the_holder_takes_its_lease_again_after_it_expired() {
        repository.tryAcquire("collector", "replica-a", NOW, TTL);

        assertThat(repository.tryAcquire("collector", "replica-a", NOW.plusSeconds(300), TTL))
                .contains(new Lease("collector", "replica-a", NOW.plusSeconds(300).plus(TTL)));
    }

    @Test
    void another_holder_takes_over_from_the_instant_the_lease_expires() {
        repository.tryAcquire("collector", "replica-a", NOW, TTL);

        assertThat(repository.tryAcquire("collector", "replica-b", NOW.plus(TTL), TTL))
                .contains(new Lease("collector", "replica-b", NOW.plus(TTL).plus(TTL)));
        assertThat(repository.tryAcquire("collector", "replica-a", NOW.plus(TTL), TTL)).isEmpty();
    }

    @Test
    void release_lets_another_holder_take_the_lease_at_once() {
        repository.tryAcquire("collector", "replica-a", NOW, TTL);

        repository.release("collector", "replica-a");

        assertThat(repository.find("collector")).isEmpty();
        assertThat(repository.tryAcquire("collector", "replica-b", NOW.plusSeconds(1), TTL)).isPresent();
    }

    @Test
    void release_by_someone_else_changes_nothing_and_release_is_idempotent() {
        repository.tryAcquire("collector", "replica-a", NOW, TTL);

        repository.release("collector", "replica-b");
        repository.release("nothing-by-this-name", "replica-a");

        assertThat(repository.find("collector")).map(Lease::holder).contains("replica-a");
        repository.release("collector", "replica-a");
        repository.release("collector", "replica-a");
        assertThat(repository.find("collector")).isEmpty();
    }

    @Test
    void find_returns_an_expired_lease_too() {
        repository.tryAcquire("collector", "replica-a", NOW, TTL);

        assertThat(repository.find("collector")).contains(new Lease("collector", "replica-a", NOW.plus(TTL)));
        assertThat(repository.find("never-taken")).isEmpty();
    }

    @Test
    void leases_with_different_names_are_independent() {
        repository.tryAcquire("collector", "replica-a", NOW, TTL);

        assertThat(repository.tryAcquire("reconciler", "replica-b", NOW, TTL)).isPresent();
        assertThat(repository.find("collector")).map(Lease::holder).contains("replica-a");
    }
}
