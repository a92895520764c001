package io.stackpilot.persistence.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import liquibase.Scope;
import liquibase.UpdateSummaryOutputEnum;
import liquibase.command.CommandScope;
import liquibase.command.core.helpers.ShowSummaryArgument;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.ui.LoggerUIService;

/**
 * Applies the Liquibase changelog {@value #CHANGELOG}. Replicas that start at once take turns: the update runs
 * while holding a PostgreSQL session advisory lock on the connection it uses, in addition to Liquibase's own lock
 * table (whose creation on an empty database is itself racy). The lock belongs to the connection, so a replica
 * that dies mid-update leaves no stale lock behind. Thread-safe (it keeps no state).
 */
public final class SchemaMigrator {
    public static final String CHANGELOG = "db/changelog/db.changelog-master.yaml";
    /** The advisory lock key: "STKPLQB1" in ASCII. */
    static final long MIGRATION_LOCK_KEY = 0x53544B504C514231L;

    private SchemaMigrator() {
    }

    /**
     * Brings the schema up to date over the given connection, which must not come from a pool (it is the lock's
     * owner; the caller closes it). Waits while another replica migrates.
     */
    public static void migrate(Connection connection) {
        migrate(connection, CHANGELOG);
    }

    /** As {@link #migrate(Connection)} with another changelog (tests of a migration apply an earlier schema). */
    public static void migrate(Connection connection, String changelog) {
        try {
            lock(connection, "SELECT pg_advisory_lock(?)");
            try {
                update(connection, changelog);
            } finally {
                lock(connection, "SELECT pg_advisory_unlock(?)");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("database schema migration failed", e);
        }
    }

    private static void lock(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, MIGRATION_LOCK_KEY);
            statement.execute();
        }
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
    }

    private static void update(Connection connection, String changelog) throws SQLException {
        Map<String, Object> scope = Map.of(
                Scope.Attr.resourceAccessor.name(),
                new ClassLoaderResourceAccessor(SchemaMigrator.class.getClassLoader()),
                Scope.Attr.ui.name(), new LoggerUIService(),
                "liquibase.analytics.enabled", false);
        try {
            Scope.child(scope, () -> {
                Database database = DatabaseFactory.getInstance()
                        .findCorrectDatabaseImplementation(new JdbcConnection(connection));
                new CommandScope(UpdateCommandStep.COMMAND_NAME)
                        .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                        .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, changelog)
                        // The summary goes to the log, not straight to standard output (one log line per event).
                        .addArgumentValue(ShowSummaryArgument.SHOW_SUMMARY_OUTPUT, UpdateSummaryOutputEnum.LOG)
                        .execute();
            });
        } catch (Exception e) {
            throw new SQLException("Liquibase update failed: " + e.getMessage(), e);
        }
    }
}
