package io.stackpilot.server.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.core.idempotency.IdempotencyPurge;
import io.stackpilot.core.idempotency.IdempotencyRecord;
import io.stackpilot.core.idempotency.IdempotencyRepository;
import io.stackpilot.core.testing.InMemoryIdempotencyRepository;
import io.stackpilot.core.testing.InMemoryLeaseRepository;
import io.stackpilot.core.testing.MutableClock;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IdempotencyPurgeJobTest {
    private final MutableClock clock = MutableClock.at("2026-11-22T06:00:00Z");
    private final InMemoryIdempotencyRepository keys = new InMemoryIdempotencyRepository();
    private final InMemoryLeaseRepository leases = new InMemoryLeaseRepository(clock);
    private final IdempotencyPurgeJob first = job("replica-a");
    private final IdempotencyPurgeJob second = job("replica-b");

    private IdempotencyPurgeJob job(String replica) {
        return new IdempotencyPurgeJob(new IdempotencyPurge(keys, clock), leases, replica, clock);
    }

    private void expiredKeys(int count) {
        Instant now = clock.instant();
        for (int i = 0; i < count; i++) {
            keys.tryClaim("k-" + now + "-" + i, "demo", "hash", now.minusSeconds(90), now.minusSeconds(60),
                    now.minusSeconds(1));
        }
    }

    @Test
    void only_the_lease_holder_purges_and_another_replica_takes_over_when_it_is_gone() {
        expiredKeys(3);
        assertThat(first.tick()).isEqualTo(3);

        expiredKeys(2);
        assertThat(second.tick()).isZero();
        assertThat(keys.deleteExpired(clock.instant(), 100)).isEqualTo(2); // the follower left them

        expiredKeys(4);
        clock.advance(IdempotencyPurgeJob.PERIOD.multipliedBy(2)); // replica-a died: its lease runs out
        assertThat(second.tick()).isEqualTo(4);
    }

    @Test
    void a_failing_purge_is_logged_and_the_next_period_tries_again() {
        IdempotencyRepository down = new IdempotencyRepository() {
            @Override public Claim tryClaim(String k, String p, String h, Instant n, Instant c, Instant e) {
                throw new IllegalStateException("unused");
            }
            @Override public void complete(String k, String p, String s) { }
            @Override public void release(String k, String p) { }
            @Override public Optional<IdempotencyRecord> find(String k, String p, Instant n) { return Optional.empty(); }
            @Override public int deleteExpired(Instant n, int l) { throw new IllegalStateException("database down"); }
        };
        IdempotencyPurgeJob failing = new IdempotencyPurgeJob(new IdempotencyPurge(down, clock), leases, "replica-c",
                clock);
        assertThat(failing.tick()).isZero();
        expiredKeys(1);
        clock.advance(IdempotencyPurgeJob.PERIOD.multipliedBy(2));
        assertThat(first.tick()).isEqualTo(1);
    }
}
