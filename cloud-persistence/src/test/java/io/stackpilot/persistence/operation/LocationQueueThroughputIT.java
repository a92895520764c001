package io.stackpilot.persistence.operation;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.core.common.Location;
import io.stackpilot.core.compute.ComputeGateway;
import io.stackpilot.core.common.Page;
import io.stackpilot.core.compute.Server;
import io.stackpilot.core.compute.ServerQuery;
import io.stackpilot.core.identity.Session;
import io.stackpilot.core.managed.ManagedServer;
import io.stackpilot.core.managed.OperationExecutor;
import io.stackpilot.core.managed.ReconcileSettings;
import io.stackpilot.core.operation.Backoff;
import io.stackpilot.core.operation.Operation;
import io.stackpilot.core.operation.OperationKind;
import io.stackpilot.core.reach.FloatingIpAssignment;
import io.stackpilot.core.testing.FakeCloud;
import io.stackpilot.core.testing.FakeProjectSessions;
import io.stackpilot.core.testing.FakeReach;
import io.stackpilot.core.testing.ForwardingCompute;
import io.stackpilot.core.testing.contract.ManagedServerRepositoryContract;
import io.stackpilot.persistence.db.RepositoryJdbi;
import io.stackpilot.persistence.managed.JdbiManagedServerRepository;
import io.stackpilot.persistence.testing.TestDatabase;
import io.stackpilot.persistence.testing.TestDatabases;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How many operations per second the queue dispatches in one location with STACKPILOT_LOCATION_CONCURRENCY 1, 4 and
 * 16: three replicas (an executor each, its own pool) on embedded PostgreSQL run 240 delete operations whose cloud
 * call (the server list) takes 50 ms in a stub cloud. The rate is printed ("BENCHMARK"), not asserted: the machine
 * is shared. What is asserted: every operation ran once and succeeded.
 */
class LocationQueueThroughputIT {
    private static final int OPERATIONS = 240;
    private static final int REPLICAS = 3;
    private static final Duration CLOUD_CALL = Duration.ofMillis(50);
    private static final Location EAST = new Location("lab-east", "RegionOne");

    @ParameterizedTest(name = "concurrency {0}")
    @ValueSource(ints = {1, 4, 16})
    void operations_per_second_in_one_location(int concurrency) throws Exception {
        Clock clock = Clock.systemUTC();
        try (TestDatabase database = TestDatabases.embedded().createMigratedDatabase()) {
            Jdbi setupJdbi = database.jdbi();
            JdbiManagedServerRepository setup = new JdbiManagedServerRepository(setupJdbi);
            JdbiOperationRepository queue = new JdbiOperationRepository(setupJdbi);
            for (int i = 0; i < OPERATIONS; i++) {
                ManagedServer resource = setup.insert(ManagedServerRepositoryContract.declared("project-" + i % 10,
                        "web-" + i, clock.instant()));
                queue.enqueue(Operation.queue(resource.projectId(), OperationKind.DELETE, resource.id(), "bench",
                        clock.instant(), EAST));
            }
            FakeCloud cloud = FakeCloud.withLabContent(clock);
            ComputeGateway slow = new ForwardingCompute(cloud) {
                @Override
                public Page<Server> listServers(Session session, ServerQuery query) {
                    try {
                        Thread.sleep(CLOUD_CALL);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                    }
                    return super.listServers(session, query);
                }
            };
            ExecutorService threads = Executors.newFixedThreadPool(REPLICAS);
            List<Future<Integer>> replicas = new ArrayList<>();
            long started = System.nanoTime();
            for (int r = 0; r < REPLICAS; r++) {
                Jdbi pool = RepositoryJdbi.create(database.openPool(4));
                JdbiOperationRepository operations = new JdbiOperationRepository(pool);
                OperationExecutor executor = new OperationExecutor(new JdbiManagedServerRepository(pool), operations,
                        slow, new FakeProjectSessions(), action -> { },
                        new ReconcileSettings("replica-" + r, Duration.ofSeconds(30), Duration.ofSeconds(60), 100)
                                .withLocationConcurrency(concurrency, EAST),
                        Backoff.DEFAULT, clock, new FloatingIpAssignment(slow, new FakeReach(cloud)));
                replicas.add(threads.submit(() -> {
                    int ran = 0;
                    while (count(setupJdbi, "SELECT count(*) FROM operation WHERE state IN ('queued', 'running')")
                            > 0) {
                        int claimed = executor.runDue(concurrency);
                        ran += claimed;
                        if (claimed == 0) {
                            Thread.sleep(5);
                        }
                    }
                    return ran;
                }));
            }
            int ran = 0;
            for (Future<Integer> replica : replicas) {
                ran += replica.get();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            threads.shutdown();

            System.out.printf("BENCHMARK location queue, concurrency %d, %d replicas, %d operations of 50 ms each in"
                    + " one location: %.1f s, %.1f operations/s%n", concurrency, REPLICAS, OPERATIONS, seconds,
                    OPERATIONS / seconds);
            assertThat(ran).isEqualTo(OPERATIONS);
            assertThat(count(setupJdbi, "SELECT count(*) FROM managed_server")).isZero();
            assertThat(count(setupJdbi, "SELECT count(*) FROM operation WHERE state = 'succeeded' AND attempts = 1"))
                    .isEqualTo(OPERATIONS);
        }
    }

    private static long count(Jdbi jdbi, String sql) {
        return jdbi.withHandle(handle -> handle.createQuery(sql).mapTo(Long.class).one());
    }
}
