package io.stackpilot.persistence.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.core.audit.AuditEntry;
import io.stackpilot.core.audit.AuditQuery;
import io.stackpilot.core.testing.contract.AuditLogRepositoryContract;
import io.stackpilot.persistence.testing.TestDatabase;
import io.stackpilot.persistence.testing.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The binary COPY of audit rows ({@link AuditCopy}): every field stored as the multi-row insert stores it, a re-sent
 * batch stored once, and (lines "BENCHMARK") its rows/s and the database backend's CPU per row next to the unnest
 * insert, alternating on the same table. Nothing here asserts a time: the machine is shared.
 */
class AuditCopyIT {
    private static final Instant T0 = Instant.parse("2026-11-22T06:00:00Z");

    @ParameterizedTest(name = "on {0}")
    @MethodSource("io.stackpilot.persistence.testing.TestDatabases#all")
    void copies_every_field_as_the_insert_does_and_stores_a_resent_batch_once(TestServer server) {
        try (TestDatabase database = server.createMigratedDatabase()) {
            JdbiAuditLogRepository repository = new JdbiAuditLogRepository(database.jdbi());
            AuditEntry full = new AuditEntry(UUID.randomUUID(), Instant.parse("2026-11-22T06:00:00.123456789Z"),
                    "req-é✓", "POST", "/api/v1/servers", "/api/v1/servers", "name=a%20b&x=\"q\"\\", 202, 1234,
                    "u1", "Ünïcödé user", "p1", "project \t tab\nline", "10.0.0.1", "agent/1.0", "replica-1",
                    List.of("req-a", "req-\"quoted\"", "req-\\back", "ünï"));
            AuditEntry sparse = new AuditEntry(UUID.randomUUID(), Instant.parse("2026-11-22T06:00:01Z"), "req-2",
                    "GET", null, "/nowhere", null, 404, 0, null, null, null, null, null, null, "replica-1",
                    List.of());
            List<AuditEntry> batch = List.of(full, sparse);

            int copied = database.jdbi().withHandle(handle -> AuditCopy.insert(handle.getConnection(), batch));
            int again = database.jdbi().withHandle(handle -> AuditCopy.insert(handle.getConnection(), batch));

            assertThat(copied).isEqualTo(2);
            assertThat(again).as("a re-sent batch: all ids known").isZero();
            List<AuditEntry> stored = repository.find(new AuditQuery(null, null, null, null, null, 10, null)).items();
            AuditEntry fullTruncated = new AuditEntry(full.id(), Instant.parse("2026-11-22T06:00:00.123456Z"),
                    full.requestId(), full.method(), full.route(), full.path(), full.query(), full.status(),
                    full.durationMs(), full.userId(), full.userName(), full.projectId(), full.projectName(),
                    full.clientAddress(), full.userAgent(), full.replicaId(), full.upstreamRequestIds());
            assertThat(stored).containsExactly(sparse, fullTruncated);
        }
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("io.stackpilot.persistence.testing.TestDatabases#all")
    void copy_next_to_the_unnest_insert_rows_per_second_and_backend_cpu_per_row(TestServer server) throws Exception {
        try (TestDatabase database = server.createMigratedDatabase()) {
            database.jdbi().useHandle(handle -> {
                Connection connection = handle.getConnection();
                int backend = handle.createQuery("SELECT pg_backend_pid()").mapTo(Integer.class).one();
                AuditRows.insert(connection, entries(1_000));
                AuditCopy.insert(connection, entries(1_000));
                long[] unnest = new long[2];
                long[] copy = new long[2];
                int rows = 20_000;
                for (int round = 0; round < 3; round++) {
                    measure(connection, backend, rows, AuditRows::insert, unnest);
                    measure(connection, backend, rows, AuditCopy::insert, copy);
                }
                long total = 3L * rows;
                print("%s: audit insert, 1 connection, batch 500, 3 alternating rounds of %,d rows: unnest %,d rows/s "
                        + "(backend CPU %.1f us/row), binary COPY %,d rows/s (backend CPU %.1f us/row)", server, rows,
                        total * 1_000_000_000L / unnest[0], unnest[1] / 1000.0 / total,
                        total * 1_000_000_000L / copy[0], copy[1] / 1000.0 / total);
            });
        }
    }

    /** Adds the wall nanos and the backend's CPU nanos (user+sys, -1 when not readable) of inserting the rows. */
    private static void measure(Connection connection, int backend, int rows,
                                BiFunction<Connection, List<AuditEntry>, Integer> insert, long[] into) {
        List<List<AuditEntry>> batches = new ArrayList<>();
        for (int written = 0; written < rows; written += 500) {
            batches.add(entries(500));
        }
        long cpu = cpuNanos(backend);
        long started = System.nanoTime();
        long stored = 0;
        for (List<AuditEntry> batch : batches) {
            stored += insert.apply(connection, batch);
        }
        assertThat(stored).isEqualTo(rows);
        into[0] += System.nanoTime() - started;
        into[1] += cpuNanos(backend) - cpu;
    }

    /** User+sys CPU of a local process from /proc (clock ticks of 10 ms); 0 where there is no /proc entry. */
    private static long cpuNanos(int pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Integer.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10_000_000L;
        } catch (IOException | RuntimeException unreadable) {
            return 0;
        }
    }

    private static List<AuditEntry> entries(int count) {
        return AuditLogRepositoryContract.entries(T0, count);
    }

    private static void print(String format, Object... arguments) {
        System.out.println("BENCHMARK " + String.format(format, arguments));
    }
}
