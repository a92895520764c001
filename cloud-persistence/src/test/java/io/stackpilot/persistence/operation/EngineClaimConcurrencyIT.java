package io.stackpilot.persistence.operation;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.core.common.Location;
import io.stackpilot.core.managed.ManagedServer;
import io.stackpilot.core.operation.Operation;
import io.stackpilot.core.operation.OperationKind;
import io.stackpilot.core.operation.OperationQuery;
import io.stackpilot.core.operation.OperationState;
import io.stackpilot.core.testing.contract.ManagedServerRepositoryContract;
import io.stackpilot.persistence.db.RepositoryJdbi;
import io.stackpilot.persistence.managed.JdbiManagedServerRepository;
import io.stackpilot.persistence.testing.TestDatabase;
import io.stackpilot.persistence.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Three replicas (a pool each, four threads each) claim operations and managed servers at the same time on real
 * PostgreSQL. Every row must be claimed exactly once: SKIP LOCKED hands each row to one claimer, and a row already
 * taken is re-checked, not taken again.
 */
class EngineClaimConcurrencyIT {
    private static final int REPLICAS = 3;
    private static final int THREADS_PER_REPLICA = 4;
    private static final int ROWS = 300;
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final Duration LEASE = Duration.ofMinutes(5);

    @ParameterizedTest(name = "on {0}")
    @MethodSource("io.stackpilot.persistence.testing.TestDatabases#all")
    void concurrent_claimers_never_claim_one_operation_twice(TestServer server) throws Exception {
        try (TestDatabase database = server.createMigratedDatabase()) {
            JdbiOperationRepository setup = new JdbiOperationRepository(database.jdbi());
            for (int i = 0; i < ROWS; i++) {
                setup.enqueue(Operation.queue("demo-project-id", OperationKind.CREATE, UUID.randomUUID(), "x", NOW));
            }
            Map<UUID, AtomicInteger> claims = new ConcurrentHashMap<>();
            race(database, pool -> {
                JdbiOperationRepository replica = new JdbiOperationRepository(pool);
                return holder -> {
                    List<Operation> claimed = replica.claimDue(holder, NOW, LEASE, 3);
                    for (Operation op : claimed) {
                        claims.computeIfAbsent(op.id(), id -> new AtomicInteger()).incrementAndGet();
                        assertThat(replica.complete(op.id(), holder, NOW)).isTrue();
                    }
                    return claimed.size();
                };
            });

            assertThat(claims).hasSize(ROWS).allSatisfy((id, count) -> assertThat(count.get()).isEqualTo(1));
            assertThat(setup.list(new OperationQuery("demo-project-id", null, OperationState.SUCCEEDED, ROWS + 1)))
                    .hasSize(ROWS);
        }
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("io.stackpilot.persistence.testing.TestDatabases#all")
    void concurrent_claimers_never_run_more_than_the_limit_of_one_location_at_once(TestServer server)
            throws Exception {
        int perLocation = 3;
        int rows = 120;
        List<Location> locations = List.of(new Location("lab-east", "RegionOne"), new Location("lab-west", "RegionOne"));
        try (TestDatabase database = server.createMigratedDatabase()) {
            JdbiOperationRepository setup = new JdbiOperationRepository(database.jdbi());
            for (int i = 0; i < rows; i++) {
                setup.enqueue(Operation.queue("demo-project-id", OperationKind.CREATE, UUID.randomUUID(), "x", NOW,
                        locations.get(i % 2)));
            }
            Map<Location, AtomicInteger> runningNow = new ConcurrentHashMap<>();
            Map<Location, AtomicInteger> mostAtOnce = new ConcurrentHashMap<>();
            AtomicInteger done = new AtomicInteger();
            ExecutorService threads = Executors.newFixedThreadPool(REPLICAS * THREADS_PER_REPLICA);
            List<Future<?>> runs = new ArrayList<>();
            for (int r = 0; r < REPLICAS; r++) {
                JdbiOperationRepository replica = new JdbiOperationRepository(
                        RepositoryJdbi.create(database.openPool(THREADS_PER_REPLICA)));
                String holder = "replica-" + r;
                for (int t = 0; t < THREADS_PER_REPLICA; t++) {
                    runs.add(threads.submit(() -> {
                        while (done.get() < rows) {
                            for (Operation op : replica.claimDue(holder, NOW, LEASE, 2, perLocation)) {
                                int now = runningNow.computeIfAbsent(op.location(), l -> new AtomicInteger())
                                        .incrementAndGet();
                                mostAtOnce.computeIfAbsent(op.location(), l -> new AtomicInteger())
                                        .accumulateAndGet(now, Math::max);
                                Thread.sleep(2);
                                // Counted down before the database hears of it: a claim that sees the slot free
                                // counts up only after this.
                                runningNow.get(op.location()).decrementAndGet();
                                assertThat(replica.complete(op.id(), holder, NOW)).isTrue();
                                done.incrementAndGet();
                            }
                        }
                        return null;
                    }));
                }
            }
            for (Future<?> run : runs) {
                run.get();
            }
            threads.shutdown();

            assertThat(mostAtOnce).containsOnlyKeys(locations)
                    .allSatisfy((location, most) -> assertThat(most.get()).isBetween(1, perLocation));
            assertThat(setup.list(new OperationQuery("demo-project-id", null, OperationState.SUCCEEDED, rows + 1)))
                    .hasSize(rows);
        }
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("io.stackpilot.persistence.testing.TestDatabases#all")
    void concurrent_reconcilers_never_claim_one_managed_server_twice(TestServer server) throws Exception {
        try (TestDatabase database = server.createMigratedDatabase()) {
            JdbiManagedServerRepository setup = new JdbiManagedServerRepository(database.jdbi());
            for (int i = 0; i < ROWS; i++) {
                setup.insert(ManagedServerRepositoryContract.declared("demo-project-id", "web-" + i, NOW));
            }
            Map<UUID, AtomicInteger> claims = new ConcurrentHashMap<>();
            race(database, pool -> {
                JdbiManagedServerRepository replica = new JdbiManagedServerRepository(pool);
                return holder -> {
                    List<ManagedServer> claimed = replica.claimDue(holder, NOW, LEASE, 3);
                    for (ManagedServer resource : claimed) {
                        claims.computeIfAbsent(resource.id(), id -> new AtomicInteger()).incrementAndGet();
                        replica.release(resource.id(), holder, NOW.plus(Duration.ofHours(1)));
                    }
                    return claimed.size();
                };
            });

            assertThat(claims).hasSize(ROWS).allSatisfy((id, count) -> assertThat(count.get()).isEqualTo(1));
        }
    }

    interface Claimer {
        int claimOnce(String holder);
    }

    interface ReplicaFactory {
        Claimer on(org.jdbi.v3.core.Jdbi pool);
    }

    /** Every thread claims until a claim returns nothing; returns when all have stopped. */
    private static void race(TestDatabase database, ReplicaFactory replicas) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(REPLICAS * THREADS_PER_REPLICA);
        List<Future<Integer>> runs = new ArrayList<>();
        for (int r = 0; r < REPLICAS; r++) {
            Claimer claimer = replicas.on(RepositoryJdbi.create(database.openPool(THREADS_PER_REPLICA)));
            String holder = "replica-" + r;
            for (int t = 0; t < THREADS_PER_REPLICA; t++) {
                Callable<Integer> run = () -> {
                    int total = 0;
                    for (int got = claimer.claimOnce(holder); got > 0; got = claimer.claimOnce(holder)) {
                        total += got;
                    }
                    return total;
                };
                runs.add(threads.submit(run));
            }
        }
        int total = 0;
        for (Future<Integer> run : runs) {
            total += run.get();
        }
        threads.shutdown();
        assertThat(total).isEqualTo(ROWS);
    }
}
