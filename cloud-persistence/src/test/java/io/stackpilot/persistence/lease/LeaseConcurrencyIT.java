package io.stackpilot.persistence.lease;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.core.lease.Lease;
import io.stackpilot.core.testing.MutableClock;
import io.stackpilot.persistence.db.RepositoryJdbi;
import io.stackpilot.persistence.testing.TestDatabase;
import io.stackpilot.persistence.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two replicas (separate pools, four threads each) race for one lease, round after round on a test-controlled
 * store clock (shared, as PostgreSQL's is). In every sixth pair of rounds the holder's threads stay away, so the
 * lease expires and changes hands.
 */
class LeaseConcurrencyIT {
    private static final String NAME = "collector";
    private static final List<String> HOLDERS = List.of("replica-a", "replica-b");
    private static final int THREADS_PER_REPLICA = 4;
    private static final int ROUNDS = 36;
    private static final Duration STEP = Duration.ofSeconds(10);
    private static final Duration TTL = Duration.ofSeconds(15);
    private static final Instant T0 = Instant.parse("2026-11-22T06:00:00Z");

    @ParameterizedTest(name = "on {0}")
    @MethodSource("io.stackpilot.persistence.testing.TestDatabases#all")
    void two_replicas_never_hold_the_lease_at_once_and_take_over_only_after_expiry(TestServer server)
            throws Exception {
        try (TestDatabase database = server.createMigratedDatabase()) {
            MutableClock storeClock = new MutableClock(T0);
            List<JdbiLeaseRepository> replicas = List.of(
                    JdbiLeaseRepository.withStoreClock(RepositoryJdbi.create(database.openPool(THREADS_PER_REPLICA)),
                            storeClock),
                    JdbiLeaseRepository.withStoreClock(RepositoryJdbi.create(database.openPool(THREADS_PER_REPLICA)),
                            storeClock));
            ExecutorService executor = Executors.newFixedThreadPool(2 * THREADS_PER_REPLICA);
            Lease previous = null;
            int takeovers = 0;
            for (int round = 0; round < ROUNDS; round++) {
                Instant now = T0.plus(STEP.multipliedBy(round));
                storeClock.set(now);
                boolean holderStaysAway = previous != null && round % 6 >= 4;
                String absent = holderStaysAway ? previous.holder() : null;
                Set<String> winners = race(executor, replicas, absent);

                assertThat(winners).as("winners of round %d", round).hasSizeLessThanOrEqualTo(1);
                Optional<Lease> current = replicas.getFirst().find(NAME);
                if (previous == null || !now.isBefore(previous.expiresAt()) || !holderStaysAway) {
                    assertThat(winners).as("someone may take or renew the lease in round %d", round).hasSize(1);
                }
                if (previous != null && !winners.isEmpty() && !winners.contains(previous.holder())) {
                    assertThat(now).as("takeover in round %d", round).isAfterOrEqualTo(previous.expiresAt());
                    takeovers++;
                }
                if (previous != null && holderStaysAway && now.isBefore(previous.expiresAt())) {
                    assertThat(winners).as("refused while valid in round %d", round).isEmpty();
                }
                if (!winners.isEmpty()) {
                    assertThat(current).contains(new Lease(NAME, winners.iterator().next(), now.plus(TTL)));
                    previous = current.orElseThrow();
                }
            }
            executor.shutdown();
            assertThat(takeovers).isEqualTo(ROUNDS / 6);
        }
    }

    private static Set<String> race(ExecutorService executor, List<JdbiLeaseRepository> replicas, String absent)
            throws Exception {
        Set<String> winners = ConcurrentHashMap.newKeySet();
        List<Future<?>> attempts = new ArrayList<>();
        for (int replica = 0; replica < replicas.size(); replica++) {
            String holder = HOLDERS.get(replica);
            if (holder.equals(absent)) {
                continue;
            }
            JdbiLeaseRepository repository = replicas.get(replica);
            for (int thread = 0; thread < THREADS_PER_REPLICA; thread++) {
                attempts.add(executor.submit(() -> repository.tryAcquire(NAME, holder, TTL)
                        .ifPresent(lease -> winners.add(lease.holder()))));
            }
        }
        for (Future<?> attempt : attempts) {
            attempt.get();
        }
        return winners;
    }
}
