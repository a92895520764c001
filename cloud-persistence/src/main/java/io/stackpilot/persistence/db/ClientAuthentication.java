package io.stackpilot.persistence.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.PGConnection;

/**
 * The embedded cluster's client authentication: every connection, over loopback TCP or the Unix socket, must give
 * the superuser's password (SCRAM-SHA-256); nothing is trusted. Clusters made before this rule used {@code trust}
 * and have no password; {@link #upgradeFromTrust} sets it and switches them over.
 */
final class ClientAuthentication {
    static final String PG_HBA = """
            # Written by Stackpilot at every start: the superuser's password (SCRAM) for every connection.
            # TYPE  DATABASE  USER  ADDRESS       METHOD
            local   all       all                 scram-sha-256
            host    all       all   127.0.0.1/32  scram-sha-256
            host    all       all   ::1/128       scram-sha-256
            """;

    private ClientAuthentication() {
    }

    /** True when the cluster in the directory still lets clients in without a password. */
    static boolean trustsClients(Path clusterDirectory) {
        Path hba = clusterDirectory.resolve("pg_hba.conf");
        try {
            return Files.exists(hba) && Files.readAllLines(hba).stream().map(String::strip)
                    .filter(line -> !line.startsWith("#") && !line.isEmpty())
                    .anyMatch(line -> line.matches(".*\\strust$"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + hba, e);
        }
    }

    /** Writes the password-only rules; a running server needs {@code pg_reload_conf()} to apply them. */
    static void requirePassword(Path clusterDirectory) {
        try {
            Files.writeString(clusterDirectory.resolve("pg_hba.conf"), PG_HBA);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + clusterDirectory.resolve("pg_hba.conf"), e);
        }
    }

    /**
     * On a cluster that was started with {@code trust}: sets the superuser's password (hashed by the driver, so
     * neither the statement nor a server log holds it in clear), then requires it and reloads the rules.
     */
    static void upgradeFromTrust(Connection connection, Path clusterDirectory, String password) throws SQLException {
        connection.unwrap(PGConnection.class).alterUserPassword("postgres", password.toCharArray(),
                "scram-sha-256");
        requirePassword(clusterDirectory);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_reload_conf()");
        }
    }
}
