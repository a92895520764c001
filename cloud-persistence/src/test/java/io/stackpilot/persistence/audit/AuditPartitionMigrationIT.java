package io.stackpilot.persistence.audit;

import static io.stackpilot.persistence.audit.AuditMigrationSteps.fingerprint;
import static io.stackpilot.persistence.audit.AuditMigrationSteps.migrate;
import static io.stackpilot.persistence.audit.AuditPartitionsIT.pageThroughOneByOne;
import static io.stackpilot.persistence.audit.AuditPartitionsIT.partitionOf;
import static io.stackpilot.persistence.audit.AuditPartitionsIT.partitions;
import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.core.audit.AuditEntry;
import io.stackpilot.persistence.db.SchemaMigrator;
import io.stackpilot.persistence.testing.TestDatabase;
import io.stackpilot.persistence.testing.TestServer;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Changeset 0009 on a database whose audit table was filled before it: no row is lost or changed, the old table
 * becomes the partition of every time before its last month, and new months get partitions of their own.
 */
class AuditPartitionMigrationIT {
    private static final String BEFORE_PARTITIONS = "db/changelog/before-audit-partitions.yaml";
    private static final int OLD_ROWS = 3_000;
    /** The newest old row: far enough ahead that "the month after now and the newest row" is its next month. */
    private static final String NEWEST_OLD_ROW = "2030-06-15T10:00:00Z";

    @ParameterizedTest(name = "on {0}")
    @MethodSource("io.stackpilot.persistence.testing.TestDatabases#all")
    void a_filled_audit_table_keeps_every_row_as_the_partition_before_its_next_month(TestServer server)
            throws SQLException {
        try (TestDatabase database = server.createEmptyDatabase()) {
            migrate(database, BEFORE_PARTITIONS);
            // One row an hour from 2026-08-01 on (four months), and one far ahead; some with nulls and arrays.
            database.jdbi().useHandle(handle -> handle.execute("""
                    INSERT INTO api_request (id, at, request_id, method, route, path, query, status, duration_ms,
                                             user_id, project_id, replica_id, upstream_request_ids)
                    SELECT gen_random_uuid(), timestamptz '2026-08-01 00:00:00+00' + g * interval '1 hour',
                           'old-' || g, 'GET', CASE WHEN g % 3 = 0 THEN NULL ELSE '/api/v1/servers' END,
                           '/api/v1/servers', NULL, 200 + g % 300, g, 'user-' || g % 7, 'project-' || g % 5,
                           'replica-a', ARRAY['req-' || g]
                    FROM generate_series(0, ? - 2) AS g""", OLD_ROWS));
            database.jdbi().useHandle(handle -> handle.execute("""
                    INSERT INTO api_request (id, at, request_id, method, path, status, duration_ms, replica_id)
                    VALUES (gen_random_uuid(), ?::timestamptz, 'old-newest', 'GET', '/x', 204, 1, 'replica-b')""",
                    NEWEST_OLD_ROW));
            String before = fingerprint(database);

            migrate(database, SchemaMigrator.CHANGELOG);

            assertThat(fingerprint(database)).isEqualTo(before);
            String kind = database.jdbi().withHandle(handle -> handle.createQuery(
                    "SELECT relkind::text FROM pg_class WHERE relname = 'api_request'").mapTo(String.class).one());
            assertThat(kind).as("partitioned").isEqualTo("p");
            assertThat(partitions(database))
                    .containsExactlyInAnyOrder("api_request_before_2030_07", "api_request_default");
            assertThat(AuditPartitionsIT.rowsIn(database, "api_request_before_2030_07")).isEqualTo(OLD_ROWS);

            JdbiAuditLogRepository auditLog = new JdbiAuditLogRepository(database.jdbi());
            List<AuditEntry> all = pageThroughOneByOne(auditLog, 1000);
            assertThat(all).hasSize(OLD_ROWS);
            assertThat(all.getFirst().requestId()).isEqualTo("old-newest");
            assertThat(all.getLast().requestId()).isEqualTo("old-0");

            // Months the old table covers are not prepared again; the ones after it get their partitions.
            auditLog.prepareMonths(Instant.parse("2030-05-01T00:00:00Z"), Instant.parse("2030-08-01T00:00:00Z"));
            assertThat(partitions(database)).containsExactlyInAnyOrder("api_request_before_2030_07",
                    "api_request_default", "api_request_2030_07", "api_request_2030_08");
            AuditEntry july = AuditPartitionsIT.stored(auditLog, "2030-07-01T00:00:00Z");
            AuditEntry june = AuditPartitionsIT.stored(auditLog, "2030-06-30T23:59:59Z");
            assertThat(partitionOf(database, july)).isEqualTo("api_request_2030_07");
            assertThat(partitionOf(database, june)).isEqualTo("api_request_before_2030_07");
            // Appending the same entry again stores it once, in the old table as in a new partition.
            auditLog.appendAll(List.of(july, june));
            assertThat(AuditPartitionsIT.rowsIn(database, "api_request")).isEqualTo(OLD_ROWS + 2);

            // The old table goes as a whole once the retention passes its end, not before.
            assertThat(auditLog.dropMonthsBefore(Instant.parse("2030-06-30T00:00:00Z"))).isZero();
            assertThat(auditLog.dropMonthsBefore(Instant.parse("2030-07-01T00:00:00Z"))).isEqualTo(1);
            assertThat(pageThroughOneByOne(auditLog, 1000)).containsExactly(july);
        }
    }
}
