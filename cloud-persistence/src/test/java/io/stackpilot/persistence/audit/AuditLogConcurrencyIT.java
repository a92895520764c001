package io.stackpilot.persistence.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.core.audit.AuditEntry;
import io.stackpilot.core.testing.contract.AuditLogRepositoryContract;
import io.stackpilot.persistence.db.RepositoryJdbi;
import io.stackpilot.persistence.testing.TestDatabase;
import io.stackpilot.persistence.testing.TestServer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Several replicas' audit writers appending at once lose nothing and store nothing twice. */
class AuditLogConcurrencyIT {
    private static final int ENTRIES = 10_000;
    private static final int BATCH_SIZE = 100;
    private static final int DATA_SOURCES = 2;
    private static final int THREADS = 6;
    private static final Instant T0 = Instant.parse("2026-11-22T06:00:00Z");

    @ParameterizedTest(name = "on {0}")
    @MethodSource("io.stackpilot.persistence.testing.TestDatabases#all")
    void ten_thousand_entries_appended_in_batches_from_several_threads_are_all_stored_once(TestServer server)
            throws Exception {
        try (TestDatabase database = server.createMigratedDatabase()) {
            List<JdbiAuditLogRepository> replicas = new ArrayList<>();
            for (int i = 0; i < DATA_SOURCES; i++) {
                replicas.add(new JdbiAuditLogRepository(RepositoryJdbi.create(database.openPool(THREADS / DATA_SOURCES))));
            }
            List<List<AuditEntry>> batches = batches();

            appendConcurrently(replicas, batches);
            // A writer that lost the acknowledgement sends its batches again: nothing is added.
            appendConcurrently(replicas, batches.subList(0, 10));

            List<UUID> stored = database.jdbi().withHandle(handle -> handle.createQuery(
                    "SELECT id FROM api_request").mapTo(UUID.class).list());
            Set<UUID> expected = new HashSet<>();
            batches.forEach(batch -> batch.forEach(entry -> expected.add(entry.id())));
            assertThat(stored).hasSize(ENTRIES).doesNotHaveDuplicates();
            assertThat(new HashSet<>(stored)).isEqualTo(expected);
        }
    }

    private static void appendConcurrently(List<JdbiAuditLogRepository> replicas, List<List<AuditEntry>> batches)
            throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> appends = new ArrayList<>();
        for (int i = 0; i < batches.size(); i++) {
            JdbiAuditLogRepository replica = replicas.get(i % replicas.size());
            List<AuditEntry> batch = batches.get(i);
            appends.add(executor.submit(() -> replica.appendAll(batch)));
        }
        for (Future<?> append : appends) {
            append.get();
        }
        executor.shutdown();
    }

    private static List<List<AuditEntry>> batches() {
        List<List<AuditEntry>> batches = new ArrayList<>();
        for (int start = 0; start < ENTRIES; start += BATCH_SIZE) {
            List<AuditEntry> batch = new ArrayList<>();
            for (int i = start; i < start + BATCH_SIZE; i++) {
                batch.add(AuditLogRepositoryContract.entry(T0.plusMillis(i / 3), "project-" + i % 7, "user-" + i % 5,
                        200 + i % 3));
            }
            batches.add(batch);
        }
        return batches;
    }
}
