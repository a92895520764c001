package io.stackpilot.server.lab;

import io.stackpilot.persistence.testing.TestDatabase;
import io.stackpilot.persistence.testing.TestDatabases;
import io.stackpilot.server.Main;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * The daemon as production wires it ({@link Main.Daemon#start}: the real OpenStack adapter, the real database
 * with its Liquibase schema, the statistics job), started in-process on port 0 with exactly the given variables and
 * a fresh database of its own ({@code STACKPILOT_TEST_DB_URL}'s server when set, else the embedded one). Every
 * request gets an {@code X-Request-Id} of the form {@code jr-<uuid>} so that its audit row can be found.
 */
final class RealServer implements AutoCloseable {
    private final TestDatabase database;
    private final Main.Daemon daemon;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Duration requestTimeout;

    private RealServer(TestDatabase database, Main.Daemon daemon, Duration requestTimeout) {
        this.database = database;
        this.daemon = daemon;
        this.requestTimeout = requestTimeout;
    }

    /** Starts the daemon; {@code requestTimeout} bounds every request the test sends, so that a hang fails. */
    static RealServer start(Map<String, String> env, Duration requestTimeout) {
        return start(env, requestTimeout, UnaryOperator.identity());
    }

    /** As {@link #start(Map, Duration)}, the daemon given {@code daemonUrl} of the database's URL (a proxy's). */
    static RealServer start(Map<String, String> env, Duration requestTimeout, UnaryOperator<String> daemonUrl) {
        TestDatabase database = TestDatabases.external().orElseGet(TestDatabases::embedded).createEmptyDatabase();
        Map<String, String> all = new HashMap<>(Map.of("STACKPILOT_PORT", "0", "STACKPILOT_BIND_ADDRESS",
                "127.0.0.1", "STACKPILOT_DB_URL", daemonUrl.apply(database.jdbcUrl()), "STACKPILOT_REPLICA_ID", "jr-replica",
                "STACKPILOT_LOG_LEVEL", "warn", "STACKPILOT_SHUTDOWN_TIMEOUT", "PT5S"));
        all.putAll(env);
        try {
            return new RealServer(database, Main.Daemon.start(all, Clock.systemUTC()), requestTimeout);
        } catch (RuntimeException failed) {
            database.close();
            throw failed;
        }
    }

    /** The running daemon (to read its in-flight count, to stop it and time the stop). */
    Main.Daemon daemon() {
        return daemon;
    }

    String jdbcUrl() {
        return database.jdbcUrl();
    }

    HttpResponse<String> get(String path, String token) {
        return send("GET", path, token, null, Map.of());
    }

    HttpResponse<String> post(String path, String token, String body) {
        return send("POST", path, token, body, Map.of());
    }

    HttpResponse<String> delete(String path, String token) {
        return send("DELETE", path, token, null, Map.of());
    }

    /** Sends one request with a fresh {@code X-Request-Id}; a JSON body gets {@code Content-Type: application/json}. */
    HttpResponse<String> send(String method, String path, String token, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + daemon.server().port()
                        + path)).timeout(requestTimeout).header("X-Request-Id", "jr-" + UUID.randomUUID())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("X-Auth-Token", token);
        }
        headers.forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " got no answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            daemon.stop();
        } finally {
            database.close();
        }
    }
}
