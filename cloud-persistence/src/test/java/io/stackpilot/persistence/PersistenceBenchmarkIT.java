package io.stackpilot.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.core.audit.AuditEntry;
import io.stackpilot.core.testing.contract.AuditLogRepositoryContract;
import io.stackpilot.persistence.audit.JdbiAuditLogRepository;
import io.stackpilot.persistence.db.EmbeddedPostgresServer;
import io.stackpilot.persistence.db.RepositoryJdbi;
import io.stackpilot.persistence.db.SchemaMigrator;
import io.stackpilot.persistence.testing.TestDatabase;
import io.stackpilot.persistence.testing.TestDatabases;
import io.stackpilot.persistence.testing.TestServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Prints start, migration and audit-insert timings for the report (nothing here asserts a time: the machine is
 * shared). Look for lines starting with "BENCHMARK".
 */
class PersistenceBenchmarkIT {
    private static final Instant T0 = Instant.parse("2026-11-22T06:00:00Z");

    @Test
    void embedded_start_with_an_empty_and_with_an_existing_data_directory(@TempDir Path directory) {
        long started = System.nanoTime();
        EmbeddedPostgresServer.start(directory.resolve("server")).close();
        long emptyServer = millisSince(started);
        started = System.nanoTime();
        EmbeddedPostgresServer.start(directory.resolve("server")).close();
        long existingServer = millisSince(started);

        DatabaseSettings settings = DatabaseSettings.embedded(directory.resolve("database"));
        started = System.nanoTime();
        Database.start(settings).close();
        long emptyDatabase = millisSince(started);
        started = System.nanoTime();
        try (Database database = Database.start(settings)) {
            long existingDatabase = millisSince(started);
            print("embedded server start, empty data dir (initdb): %d ms; existing data dir: %d ms",
                    emptyServer, existingServer);
            print("Database.start embedded (server + changelog + pool), empty data dir: %d ms; existing: %d ms",
                    emptyDatabase, existingDatabase);
            assertThat(database.isReachable()).isTrue();
        }
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("io.stackpilot.persistence.testing.TestDatabases#all")
    void changelog_apply_time(TestServer server) throws Exception {
        try (TestDatabase database = server.createEmptyDatabase();
             Connection connection = DriverManager.getConnection(database.jdbcUrl())) {
            long started = System.nanoTime();
            SchemaMigrator.migrate(connection);
            long empty = millisSince(started);
            started = System.nanoTime();
            SchemaMigrator.migrate(connection);
            long upToDate = millisSince(started);
            print("%s: changelog on an empty database: %d ms; on an up-to-date one: %d ms", server, empty, upToDate);
            long changesets = database.jdbi().withHandle(handle -> handle.createQuery(
                    "SELECT count(*) FROM databasechangelog").mapTo(Long.class).one());
            assertThat(changesets).isEqualTo(15L);
        }
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("io.stackpilot.persistence.testing.TestDatabases#all")
    void audit_insert_throughput(TestServer server) throws Exception {
        try (TestDatabase database = server.createMigratedDatabase()) {
            JdbiAuditLogRepository repository = new JdbiAuditLogRepository(RepositoryJdbi.create(database.openPool(4)));
            long total = 0;
            repository.appendAll(entries(1_000));
            total += 1_000;
            for (int batchSize : new int[] {1, 10, 100, 500, 1000, 5000}) {
                int rows = batchSize == 1 ? 2_000 : 20_000;
                long started = System.nanoTime();
                for (int written = 0; written < rows; written += batchSize) {
                    repository.appendAll(entries(batchSize));
                }
                print("%s: audit appendAll, 1 thread, batch %d: %,d rows/s", server, batchSize,
                        rows * 1_000_000_000L / (System.nanoTime() - started));
                total += rows;
            }
            int threads = 4;
            int rowsPerThread = 20_000;
            ExecutorService executor = Executors.newFixedThreadPool(threads);
            long started = System.nanoTime();
            List<Future<?>> writers = new ArrayList<>();
            for (int thread = 0; thread < threads; thread++) {
                writers.add(executor.submit(() -> {
                    for (int written = 0; written < rowsPerThread; written += 500) {
                        repository.appendAll(entries(500));
                    }
                }));
            }
            for (Future<?> writer : writers) {
                writer.get();
            }
            executor.shutdown();
            print("%s: audit appendAll, %d threads, batch 500: %,d rows/s", server, threads,
                    (long) threads * rowsPerThread * 1_000_000_000L / (System.nanoTime() - started));
            total += (long) threads * rowsPerThread;

            long rows = database.jdbi().withHandle(handle -> handle.createQuery(
                    "SELECT count(*) FROM api_request").mapTo(Long.class).one());
            assertThat(rows).isEqualTo(total);
        }
    }

    /**
     * The multi-row insert (one INSERT ... SELECT FROM unnest per batch, what the repository does) next to the
     * batch of single-row INSERTs it replaced, alternating, on the same table and load.
     */
    @ParameterizedTest(name = "on {0}")
    @MethodSource("io.stackpilot.persistence.testing.TestDatabases#all")
    void audit_multi_row_insert_next_to_a_batch_of_single_row_inserts(TestServer server) throws Exception {
        try (TestDatabase database = server.createMigratedDatabase()) {
            org.jdbi.v3.core.Jdbi jdbi = RepositoryJdbi.create(database.openPool(4));
            JdbiAuditLogRepository repository = new JdbiAuditLogRepository(jdbi);
            repository.appendAll(entries(1_000));
            long multiRow = 0;
            long singleRows = 0;
            int rows = 20_000;
            for (int round = 0; round < 3; round++) {
                long started = System.nanoTime();
                for (int written = 0; written < rows; written += 500) {
                    repository.appendAll(entries(500));
                }
                multiRow += System.nanoTime() - started;
                started = System.nanoTime();
                for (int written = 0; written < rows; written += 500) {
                    List<AuditEntry> batch = entries(500);
                    jdbi.useTransaction(handle -> {
                        org.jdbi.v3.core.statement.PreparedBatch statement = handle.prepareBatch(SINGLE_ROW_INSERT);
                        batch.forEach(entry -> statement.bindMethods(entry).add());
                        statement.execute();
                    });
                }
                singleRows += System.nanoTime() - started;
            }
            print("%s: audit insert, 1 thread, batch 500, 3 alternating rounds of %,d rows: multi-row (unnest) "
                    + "%,d rows/s, batch of single-row INSERTs %,d rows/s", server, rows,
                    3L * rows * 1_000_000_000L / multiRow, 3L * rows * 1_000_000_000L / singleRows);
        }
    }

    private static final String SINGLE_ROW_INSERT = """
            INSERT INTO api_request (id, at, request_id, method, route, path, query, status, duration_ms,
                                     user_id, user_name, project_id, project_name, client_address, user_agent,
                                     replica_id, upstream_request_ids)
            VALUES (:id, :at, :requestId, :method, :route, :path, :query, :status, :durationMs, :userId,
                    :userName, :projectId, :projectName, :clientAddress, :userAgent, :replicaId,
                    :upstreamRequestIds)
            ON CONFLICT (id, at) DO NOTHING""";

    /** What each index of api_request costs the (multi-row) insert: the same load with fewer indexes each time. */
    @ParameterizedTest(name = "on {0}")
    @MethodSource("io.stackpilot.persistence.testing.TestDatabases#all")
    void audit_insert_cost_of_each_index(TestServer server) throws Exception {
        List<String> dropped = List.of("api_request_status_at_idx", "api_request_user_at_idx",
                "api_request_project_at_idx", "api_request_at_id_idx");
        try (TestDatabase database = server.createMigratedDatabase()) {
            JdbiAuditLogRepository repository = new JdbiAuditLogRepository(RepositoryJdbi.create(database.openPool(4)));
            repository.appendAll(entries(1_000));
            List<String> gone = new ArrayList<>();
            for (int step = 0; step <= dropped.size(); step++) {
                int rows = 50_000;
                long started = System.nanoTime();
                for (int written = 0; written < rows; written += 500) {
                    repository.appendAll(entries(500));
                }
                print("%s: audit appendAll, 1 thread, batch 500, primary key + %d of 4 indexes (dropped: %s): "
                        + "%,d rows/s", server, 4 - gone.size(), gone.isEmpty() ? "none" : String.join(", ", gone),
                        rows * 1_000_000_000L / (System.nanoTime() - started));
                if (step < dropped.size()) {
                    String index = dropped.get(step);
                    database.jdbi().useHandle(handle -> handle.execute("DROP INDEX " + index));
                    gone.add(index);
                }
            }
        }
    }

    private static List<AuditEntry> entries(int count) {
        return AuditLogRepositoryContract.entries(T0, count);
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static void print(String format, Object... arguments) {
        System.out.println("BENCHMARK " + String.format(format, arguments));
    }
}
