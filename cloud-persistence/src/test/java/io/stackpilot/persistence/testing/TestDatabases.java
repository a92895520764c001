package io.stackpilot.persistence.testing;

import io.stackpilot.persistence.db.EmbeddedPostgresServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The PostgreSQL servers tests run on: an embedded one started once per JVM (in a temporary directory, stopped and
 * deleted at exit), and, when {@value #EXTERNAL_URL_VARIABLE} is set (e.g.
 * {@code jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}), that server too.
 */
public final class TestDatabases {
    public static final String EXTERNAL_URL_VARIABLE = "STACKPILOT_TEST_DB_URL";

    private static TestServer embedded;

    private TestDatabases() {
    }

    /** The embedded server, started on first use. */
    public static synchronized TestServer embedded() {
        if (embedded == null) {
            embedded = startEmbedded();
        }
        return embedded;
    }

    /** The server named by {@value #EXTERNAL_URL_VARIABLE}, if set. */
    public static Optional<TestServer> external() {
        String url = System.getenv(EXTERNAL_URL_VARIABLE);
        return url == null || url.isBlank() ? Optional.empty() : Optional.of(new TestServer("external", url));
    }

    /** The embedded server and, if configured, the external one. */
    public static List<TestServer> all() {
        List<TestServer> servers = new ArrayList<>();
        servers.add(embedded());
        external().ifPresent(servers::add);
        return servers;
    }

    private static TestServer startEmbedded() {
        try {
            Path directory = Files.createTempDirectory("stackpilot-test-postgres");
            EmbeddedPostgresServer server = EmbeddedPostgresServer.start(directory.resolve("postgres"));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                deleteRecursively(directory);
            }, "stop-test-postgres"));
            // Tests and the daemons they start connect by URL alone, so this one carries the password.
            return new TestServer("embedded", server.jdbcUrl("postgres") + "&password=" + server.password());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // Best effort at exit; the directory is a temporary one.
        }
    }
}
