package io.stackpilot.persistence.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.core.audit.AuditEntry;
import io.stackpilot.core.audit.AuditQuery;
import io.stackpilot.core.audit.AuditRetention;
import io.stackpilot.core.common.Page;
import io.stackpilot.core.testing.contract.AuditLogRepositoryContract;
import io.stackpilot.persistence.db.RepositoryJdbi;
import io.stackpilot.persistence.testing.TestDatabase;
import io.stackpilot.persistence.testing.TestServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The audit log partitioned by month on a freshly migrated database (changeset 0009, {@link AuditPartitions}). */
class AuditPartitionsIT {

    @ParameterizedTest(name = "on {0}")
    @MethodSource("io.stackpilot.persistence.testing.TestDatabases#all")
    void entries_on_either_side_of_a_month_boundary_land_in_their_months_and_read_back_in_order(TestServer server) {
        try (TestDatabase database = server.createMigratedDatabase()) {
            JdbiAuditLogRepository auditLog = new JdbiAuditLogRepository(database.jdbi());
            auditLog.prepareMonths(Instant.parse("2026-11-15T00:00:00Z"), Instant.parse("2027-01-15T00:00:00Z"));
            AuditEntry lastOfNovember = stored(auditLog, "2026-11-30T23:59:59.999999Z");
            AuditEntry firstOfDecember = stored(auditLog, "2026-12-01T00:00:00Z");
            AuditEntry lastOfJanuary = stored(auditLog, "2027-01-31T23:59:59.999999Z");
            AuditEntry notPrepared = stored(auditLog, "2027-02-01T00:00:00Z");

            assertThat(partitionOf(database, lastOfNovember)).isEqualTo("api_request_2026_11");
            assertThat(partitionOf(database, firstOfDecember)).isEqualTo("api_request_2026_12");
            assertThat(partitionOf(database, lastOfJanuary)).isEqualTo("api_request_2027_01");
            assertThat(partitionOf(database, notPrepared)).isEqualTo("api_request_default");
            assertThat(pageThroughOneByOne(auditLog))
                    .containsExactly(notPrepared, lastOfJanuary, firstOfDecember, lastOfNovember);
        }
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("io.stackpilot.persistence.testing.TestDatabases#all")
    void a_month_prepared_after_its_entries_arrived_takes_them_from_the_default_partition(TestServer server) {
        try (TestDatabase database = server.createMigratedDatabase()) {
            JdbiAuditLogRepository auditLog = new JdbiAuditLogRepository(database.jdbi());
            AuditEntry early = stored(auditLog, "2027-03-01T00:00:00Z");
            AuditEntry late = stored(auditLog, "2027-03-31T23:59:59Z");
            AuditEntry april = stored(auditLog, "2027-04-01T00:00:00Z");

            auditLog.prepareMonths(Instant.parse("2027-03-10T00:00:00Z"), Instant.parse("2027-03-10T00:00:00Z"));

            assertThat(partitionOf(database, early)).isEqualTo("api_request_2027_03");
            assertThat(partitionOf(database, late)).isEqualTo("api_request_2027_03");
            assertThat(partitionOf(database, april)).isEqualTo("api_request_default");
            assertThat(pageThroughOneByOne(auditLog)).containsExactly(april, late, early);
            // Preparing again changes nothing.
            auditLog.prepareMonths(Instant.parse("2027-03-10T00:00:00Z"), Instant.parse("2027-03-10T00:00:00Z"));
            assertThat(partitions(database)).containsExactlyInAnyOrder("api_request_2027_03", "api_request_default");
        }
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("io.stackpilot.persistence.testing.TestDatabases#all")
    void retention_drops_the_months_before_the_cutoff_and_deletes_the_older_rows_of_the_cutoffs_month(
            TestServer server) {
        try (TestDatabase database = server.createMigratedDatabase()) {
            JdbiAuditLogRepository auditLog = new JdbiAuditLogRepository(database.jdbi());
            auditLog.prepareMonths(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-06-01T00:00:00Z"));
            List<AuditEntry> entries = new ArrayList<>();
            for (int month = 1; month <= 6; month++) {
                for (int day = 1; day <= 28; day++) {
                    entries.add(AuditLogRepositoryContract.entry(
                            Instant.parse(String.format("2026-%02d-%02dT12:00:00Z", month, day)), "demo", "u", 200));
                }
            }
            auditLog.appendAll(entries);
            Instant cutoff = Instant.parse("2026-04-15T00:00:00Z");
            Clock clock = Clock.fixed(cutoff.plus(Duration.ofDays(400)), ZoneOffset.UTC);

            AuditRetention.Purge purge = new AuditRetention(auditLog, Duration.ofDays(400), clock).purge();

            assertThat(purge).isEqualTo(new AuditRetention.Purge(3, 14));
            assertThat(partitions(database)).contains("api_request_2026_04", "api_request_2026_05",
                    "api_request_2026_06", "api_request_default")
                    .doesNotContain("api_request_2026_01", "api_request_2026_02", "api_request_2026_03");
            assertThat(pageThroughOneByOne(auditLog)).hasSize(14 + 28 + 28)
                    .allSatisfy(entry -> assertThat(entry.at()).isAfterOrEqualTo(cutoff));
            // The purge also prepared the months ahead of its clock (2027-05-20): May, June and July 2027.
            assertThat(partitions(database))
                    .contains("api_request_2027_05", "api_request_2027_06", "api_request_2027_07");
            assertThat(new AuditRetention(auditLog, Duration.ofDays(400), clock).purge())
                    .isEqualTo(new AuditRetention.Purge(0, 0));
        }
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("io.stackpilot.persistence.testing.TestDatabases#all")
    void replicas_preparing_the_same_months_at_once_create_each_partition_once_while_entries_arrive(
            TestServer server) throws Exception {
        int replicas = 3;
        int threadsPerReplica = 4;
        int rounds = 5;
        try (TestDatabase database = server.createMigratedDatabase()) {
            List<JdbiAuditLogRepository> logs = new ArrayList<>();
            for (int i = 0; i < replicas; i++) {
                logs.add(new JdbiAuditLogRepository(RepositoryJdbi.create(database.openPool(threadsPerReplica))));
            }
            int threads = replicas * threadsPerReplica;
            CyclicBarrier together = new CyclicBarrier(threads);
            ExecutorService executor = Executors.newFixedThreadPool(threads);
            List<Future<List<AuditEntry>>> appended = new ArrayList<>();
            for (int thread = 0; thread < threads; thread++) {
                JdbiAuditLogRepository log = logs.get(thread % replicas);
                boolean writer = thread % 2 == 0;
                appended.add(executor.submit(() -> {
                    List<AuditEntry> mine = new ArrayList<>();
                    for (int round = 0; round < rounds; round++) {
                        int year = 2030 + round;
                        together.await();
                        if (writer) {
                            // Entries of the months being prepared: some land in the default partition first.
                            for (int month = 1; month <= 12; month++) {
                                AuditEntry entry = AuditLogRepositoryContract.entry(Instant.parse(
                                        String.format("%d-%02d-15T00:00:00Z", year, month)), "demo", "u", 200);
                                log.appendAll(List.of(entry));
                                mine.add(entry);
                            }
                        }
                        log.prepareMonths(Instant.parse(year + "-01-01T00:00:00Z"),
                                Instant.parse(year + "-12-31T00:00:00Z"));
                    }
                    return mine;
                }));
            }
            List<AuditEntry> expected = new ArrayList<>();
            for (Future<List<AuditEntry>> future : appended) {
                expected.addAll(future.get());
            }
            executor.shutdown();

            List<String> partitions = partitions(database);
            assertThat(partitions).hasSize(rounds * 12 + 1).doesNotHaveDuplicates().contains("api_request_default");
            assertThat(rowsIn(database, "api_request_default")).isZero();
            assertThat(pageThroughOneByOne(logs.getFirst(), 100)).containsExactlyInAnyOrderElementsOf(expected);
            for (AuditEntry entry : expected) {
                assertThat(partitionOf(database, entry)).isEqualTo(AuditPartitions.nameOf(
                        AuditPartitions.monthOf(entry.at())));
            }
        }
    }

    static AuditEntry stored(JdbiAuditLogRepository auditLog, String at) {
        AuditEntry entry = AuditLogRepositoryContract.entry(Instant.parse(at), "demo", "u", 200);
        auditLog.appendAll(List.of(entry));
        return entry;
    }

    static String partitionOf(TestDatabase database, AuditEntry entry) {
        return database.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT tableoid::regclass::text FROM api_request WHERE id = :id")
                .bind("id", entry.id()).mapTo(String.class).one());
    }

    static List<String> partitions(TestDatabase database) {
        return database.jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                        WHERE i.inhparent = 'api_request'::regclass""").mapTo(String.class).list());
    }

    static long rowsIn(TestDatabase database, String table) {
        Jdbi jdbi = database.jdbi();
        return jdbi.withHandle(handle -> handle.createQuery("SELECT count(*) FROM " + table)
                .mapTo(Long.class).one());
    }

    static List<AuditEntry> pageThroughOneByOne(JdbiAuditLogRepository auditLog) {
        return pageThroughOneByOne(auditLog, 1);
    }

    /** Every entry, newest first, by following the markers (across partitions). */
    static List<AuditEntry> pageThroughOneByOne(JdbiAuditLogRepository auditLog, int limit) {
        List<AuditEntry> all = new ArrayList<>();
        UUID marker = null;
        do {
            Page<AuditEntry> page = auditLog.find(new AuditQuery(null, null, null, null, null, limit, marker));
            all.addAll(page.items());
            marker = page.next().map(UUID::fromString).orElse(null);
        } while (marker != null);
        return all;
    }
}
