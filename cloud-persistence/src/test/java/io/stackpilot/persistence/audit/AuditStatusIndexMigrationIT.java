package io.stackpilot.persistence.audit;

import static io.stackpilot.persistence.audit.AuditMigrationSteps.fingerprint;
import static io.stackpilot.persistence.audit.AuditMigrationSteps.migrate;
import static io.stackpilot.persistence.audit.AuditPartitionsIT.partitions;
import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.core.audit.AuditEntry;
import io.stackpilot.core.audit.AuditQuery;
import io.stackpilot.core.testing.contract.AuditLogRepositoryContract;
import io.stackpilot.persistence.db.SchemaMigrator;
import io.stackpilot.persistence.testing.TestDatabase;
import io.stackpilot.persistence.testing.TestServer;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Changeset 0015 on a database at 0014 with rows in every kind of partition (the table from before partitioning, a
 * month, the default one): no row changes, every partition's status index becomes partial, a month prepared after
 * the migration gets the same index, and a status filter returns the same rows.
 */
class AuditStatusIndexMigrationIT {
    private static final String BEFORE_PARTITIONS = "db/changelog/before-audit-partitions.yaml";
    private static final String BEFORE_STATUS_INDEX = "db/changelog/before-audit-status-index.yaml";

    @ParameterizedTest(name = "on {0}")
    @MethodSource("io.stackpilot.persistence.testing.TestDatabases#all")
    void every_partition_gets_the_partial_status_index_and_keeps_its_rows(TestServer server) throws SQLException {
        try (TestDatabase database = server.createEmptyDatabase()) {
            migrate(database, BEFORE_PARTITIONS);
            database.jdbi().useHandle(handle -> handle.execute("""
                    INSERT INTO api_request (id, at, request_id, method, path, status, duration_ms, replica_id)
                    SELECT gen_random_uuid(), timestamptz '2030-05-01 00:00:00+00' + g * interval '1 hour',
                           'old-' || g, 'GET', '/x', CASE WHEN g % 10 = 0 THEN 503 ELSE 200 END, g, 'replica-a'
                    FROM generate_series(1, 500) AS g"""));
            migrate(database, BEFORE_STATUS_INDEX);
            JdbiAuditLogRepository auditLog = new JdbiAuditLogRepository(database.jdbi());
            auditLog.prepareMonths(Instant.parse("2030-07-01T00:00:00Z"), Instant.parse("2030-07-01T00:00:00Z"));
            Instant july = Instant.parse("2030-07-10T00:00:00Z");
            Instant notPrepared = Instant.parse("2030-09-10T00:00:00Z");
            auditLog.appendAll(List.of(entry(july, 200), entry(july.plusSeconds(1), 503),
                    entry(notPrepared, 200), entry(notPrepared.plusSeconds(1), 503)));
            assertThat(partitions(database)).containsExactlyInAnyOrder("api_request_before_2030_06",
                    "api_request_2030_07", "api_request_default");
            String before = fingerprint(database);
            List<AuditEntry> failedBefore = find(auditLog, 503);
            List<AuditEntry> okBefore = find(auditLog, 200);

            migrate(database, SchemaMigrator.CHANGELOG);

            assertThat(fingerprint(database)).isEqualTo(before);
            assertThat(statusIndexes(database)).containsOnlyKeys("api_request", "api_request_before_2030_06",
                    "api_request_2030_07", "api_request_default");
            statusIndexes(database).forEach((table, definition) ->
                    assertThat(definition).as(table).endsWith(" WHERE (status <> 200)"));
            assertThat(find(auditLog, 503)).hasSize(52).isEqualTo(failedBefore);
            assertThat(find(auditLog, 200)).hasSize(452).isEqualTo(okBefore);

            auditLog.prepareMonths(Instant.parse("2030-08-01T00:00:00Z"), Instant.parse("2030-08-01T00:00:00Z"));
            assertThat(statusIndexes(database).get("api_request_2030_08")).endsWith(" WHERE (status <> 200)");
        }
    }

    private static AuditEntry entry(Instant at, int status) {
        return AuditLogRepositoryContract.entry(at, "demo", "u", status);
    }

    private static List<AuditEntry> find(JdbiAuditLogRepository auditLog, int status) {
        return auditLog.find(new AuditQuery(null, null, null, null, status, 1000, null)).items();
    }

    /** The definition of the status index of the table and of each partition, by table. */
    private static Map<String, String> statusIndexes(TestDatabase database) {
        return database.jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT c.relname AS tablename, pg_get_indexdef(i.indexrelid) AS definition
                        FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
                        WHERE c.relname LIKE 'api_request%' AND pg_get_indexdef(i.indexrelid) LIKE '%(status, at%'""")
                .reduceRows(new TreeMap<String, String>(), (map, row) -> {
                    map.put(row.getColumn("tablename", String.class), row.getColumn("definition", String.class));
                    return map;
                }));
    }
}
