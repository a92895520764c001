package io.stackpilot.persistence.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.core.stats.SampleSource;
import io.stackpilot.core.stats.StatsSample;
import io.stackpilot.persistence.db.RepositoryJdbi;
import io.stackpilot.persistence.testing.TestDatabase;
import io.stackpilot.persistence.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Replicas that collect the same bucket at once store it once. */
class StatsSampleConcurrencyIT {
    private static final int DATA_SOURCES = 3;
    private static final int THREADS_PER_DATA_SOURCE = 8;
    private static final int ROUNDS = 20;
    private static final Instant H0 = Instant.parse("2026-11-22T00:00:00Z");

    @ParameterizedTest(name = "on {0}")
    @MethodSource("io.stackpilot.persistence.testing.TestDatabases#all")
    void eight_threads_on_each_of_three_data_sources_store_exactly_one_row_per_project_and_bucket(TestServer server)
            throws Exception {
        try (TestDatabase database = server.createMigratedDatabase()) {
            List<JdbiStatsSampleRepository> replicas = new ArrayList<>();
            for (int i = 0; i < DATA_SOURCES; i++) {
                replicas.add(new JdbiStatsSampleRepository(RepositoryJdbi.create(database.openPool(THREADS_PER_DATA_SOURCE))));
            }
            int threads = DATA_SOURCES * THREADS_PER_DATA_SOURCE;
            CyclicBarrier everyRoundStartsTogether = new CyclicBarrier(threads);
            ExecutorService executor = Executors.newFixedThreadPool(threads);
            List<Future<int[]>> insertedPerRound = new ArrayList<>();
            for (int thread = 0; thread < threads; thread++) {
                JdbiStatsSampleRepository replica = replicas.get(thread % DATA_SOURCES);
                int running = thread;
                insertedPerRound.add(executor.submit(() -> {
                    int[] inserted = new int[ROUNDS];
                    for (int round = 0; round < ROUNDS; round++) {
                        Instant bucket = H0.plus(Duration.ofHours(round));
                        everyRoundStartsTogether.await();
                        inserted[round] = replica.insertIfAbsent(List.of(sample("demo", bucket, running),
                                sample(StatsSample.TOTAL, bucket, running)));
                    }
                    return inserted;
                }));
            }
            int[] totals = new int[ROUNDS];
            for (Future<int[]> future : insertedPerRound) {
                int[] inserted = future.get();
                for (int round = 0; round < ROUNDS; round++) {
                    totals[round] += inserted[round];
                }
            }
            executor.shutdown();

            assertThat(totals).containsOnly(2);
            long rows = database.jdbi().withHandle(handle -> handle.createQuery(
                    "SELECT count(*) FROM server_count_sample").mapTo(Long.class).one());
            assertThat(rows).isEqualTo(2L * ROUNDS);
            assertThat(replicas.getFirst().bucketsPresent("demo", H0, H0.plus(Duration.ofDays(1)))).hasSize(ROUNDS);
        }
    }

    private static StatsSample sample(String projectId, Instant bucket, int running) {
        return new StatsSample(projectId, bucket, running, SampleSource.LIVE, bucket.plusSeconds(1));
    }
}
