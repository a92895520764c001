package io.stackpilot.persistence.testing;

import io.stackpilot.persistence.db.SchemaMigrator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PostgreSQL server on which tests create databases of their own. {@code jdbcUrl} points at a database the
 * user can connect to and create databases from (usually {@code postgres}); credentials ride in the URL.
 * Thread-safe.
 */
public record TestServer(String name, String jdbcUrl) {
    private static final Pattern URL = Pattern.compile("(jdbc:postgresql://[^/]*/)([^?]*)(\\?.*)?");

    public TestServer {
        if (!URL.matcher(jdbcUrl).matches()) {
            throw new IllegalArgumentException("not a jdbc:postgresql://host:port/database URL: " + jdbcUrl);
        }
    }

    /** A new, empty database with a unique name; close it to drop it. */
    public TestDatabase createEmptyDatabase() {
        String database = "sp_persistence_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        // The name is ours, not input, and DDL cannot bind identifiers.
        execute("CREATE DATABASE " + database);
        return new TestDatabase(this, database, urlOf(database));
    }

    /** A new database with the production schema applied. */
    public TestDatabase createMigratedDatabase() {
        TestDatabase database = createEmptyDatabase();
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl())) {
            SchemaMigrator.migrate(connection);
        } catch (SQLException e) {
            database.close();
            throw new IllegalStateException(e);
        }
        return database;
    }

    /** The URL of another database on this server. */
    public String urlOf(String database) {
        Matcher matcher = URL.matcher(jdbcUrl);
        if (!matcher.matches()) {
            throw new IllegalStateException(jdbcUrl);
        }
        return matcher.group(1) + database + (matcher.group(3) == null ? "" : matcher.group(3));
    }

    /** The name only: the URL may carry a password. */
    @Override
    public String toString() {
        return name;
    }

    void drop(String database) {
        execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }

    private void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed on " + name + ": " + e.getMessage(), e);
        }
    }
}
