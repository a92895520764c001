package io.stackpilot.persistence.audit;

import io.stackpilot.persistence.db.SchemaMigrator;
import io.stackpilot.persistence.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** What the audit table's migration tests do to a database: migrate it to a changelog, fingerprint its rows. */
final class AuditMigrationSteps {
    private AuditMigrationSteps() {
    }

    static void migrate(TestDatabase database, String changelog) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl())) {
            SchemaMigrator.migrate(connection, changelog);
        }
    }

    /** Count and a digest of every row's every column, in id order. */
    static String fingerprint(TestDatabase database) {
        return database.jdbi().withHandle(handle -> handle.createQuery("""
                SELECT count(*) || ':' || md5(string_agg(r::text, '|' ORDER BY r.id))
                FROM (SELECT id, at, request_id, method, route, path, query, status, duration_ms, user_id,
                             user_name, project_id, project_name, client_address, user_agent, replica_id,
                             upstream_request_ids FROM api_request) AS r""").mapTo(String.class).one());
    }
}
