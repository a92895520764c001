package io.stackpilot.server.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stackpilot.persistence.db.EmbeddedPostgresServer;
import io.stackpilot.persistence.testing.TestDatabase;
import io.stackpilot.persistence.testing.TestDatabases;
import io.stackpilot.server.Main;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar as a process over the stub cloud and a fresh database: SIGTERM finishes what it accepted, refuses new
 * connections, stores every audit row, releases the statistics lease and exits 0; a bad configuration exits 78 with
 * one message listing every problem.
 */
class DaemonShutdownIT {
    private static final int IN_FLIGHT = 3;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path logs;

    @Test
    void sigterm_finishes_accepted_requests_drains_the_audit_queue_releases_the_lease_and_exits_0() throws Exception {
        try (StubCloud cloud = new StubCloud(); TestDatabase database = TestDatabases.embedded().createEmptyDatabase()) {
            Map<String, String> env = new HashMap<>(cloud.serviceAccount());
            env.putAll(Map.of("STACKPILOT_ALLOWED_DOMAINS", "Default", "STACKPILOT_DB_URL", database.jdbcUrl(),
                    "STACKPILOT_STATS_INTERVAL", "PT5S", "STACKPILOT_SHUTDOWN_TIMEOUT", "PT20S"));
            try (DaemonProcess daemon = DaemonProcess.launch("sigterm-it", env, logs)) {
                daemon.awaitHealthy(Duration.ofSeconds(60));
                awaitRow(database, "SELECT count(*) FROM lease WHERE holder = 'sigterm-it'", daemon);

                cloud.slowLogins(Duration.ofSeconds(3));
                int before = cloud.loginsStarted();
                List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
                for (int i = 0; i < IN_FLIGHT; i++) {
                    inFlight.add(http.sendAsync(login(daemon, "sigterm-in-flight-" + i),
                            HttpResponse.BodyHandlers.ofString()));
                }
                while (cloud.loginsStarted() < before + IN_FLIGHT) {
                    DaemonProcess.sleep(Duration.ofMillis(20));
                }
                daemon.terminate();
                DaemonProcess.sleep(Duration.ofMillis(500));

                assertThatThrownBy(() -> http.send(login(daemon, "sigterm-after-stop"),
                        HttpResponse.BodyHandlers.ofString())).isInstanceOf(ConnectException.class);
                for (CompletableFuture<HttpResponse<String>> response : inFlight) {
                    assertThat(response.get().statusCode()).isEqualTo(201);
                }
                int status = daemon.awaitExit(Duration.ofSeconds(40));
                assertThat(status).as(daemon.log()).isZero();
                assertThat(daemon.log()).contains("Stackpilot stopped (0 audit rows unwritten)");
            }
            assertThat(count(database, "SELECT count(*) FROM api_request WHERE request_id LIKE 'sigterm-in-flight-%'"))
                    .isEqualTo(IN_FLIGHT);
            assertThat(count(database, "SELECT count(*) FROM lease WHERE expires_at > now()")).isZero();
        }
    }

    /**
     * With the embedded PostgreSQL (the zero-setup default) the database must outlive the graceful stop: the audit
     * rows of requests in flight at SIGTERM and the lease release are written before PostgreSQL is stopped. (It used
     * to be stopped by the library's JVM shutdown hook as soon as the HTTP threads ended, under the draining queue.)
     */
    @Test
    void sigterm_with_the_embedded_database_writes_everything_before_stopping_it() throws Exception {
        Path data = logs.resolve("data");
        try (StubCloud cloud = new StubCloud()) {
            Map<String, String> env = new HashMap<>(cloud.serviceAccount());
            env.putAll(Map.of("STACKPILOT_ALLOWED_DOMAINS", "Default", "STACKPILOT_DATA_DIR", data.toString(),
                    "STACKPILOT_STATS_INTERVAL", "PT5S", "STACKPILOT_SHUTDOWN_TIMEOUT", "PT20S"));
            try (DaemonProcess daemon = DaemonProcess.launch("embedded-it", env, logs)) {
                daemon.awaitHealthy(Duration.ofSeconds(90));
                long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
                while (!daemon.log().contains("is now the lease holder")) {
                    assertThat(System.nanoTime()).as("lease never taken:%n%s", daemon.log()).isLessThan(deadline);
                    DaemonProcess.sleep(Duration.ofMillis(200));
                }
                // A statistics collection is running when SIGTERM comes (its Nova call answers after 4 s), and so
                // are three logins (2 s): the HTTP threads end long before the collection and the lease release.
                int listsBefore = cloud.serverListsStarted();
                cloud.slowServerLists(Duration.ofSeconds(4));
                while (cloud.serverListsStarted() == listsBefore) {
                    assertThat(System.nanoTime()).as("no collection:%n%s", daemon.log()).isLessThan(deadline);
                    DaemonProcess.sleep(Duration.ofMillis(20));
                }
                cloud.slowLogins(Duration.ofSeconds(2));
                int before = cloud.loginsStarted();
                List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
                for (int i = 0; i < IN_FLIGHT; i++) {
                    inFlight.add(http.sendAsync(login(daemon, "embedded-in-flight-" + i),
                            HttpResponse.BodyHandlers.ofString()));
                }
                while (cloud.loginsStarted() < before + IN_FLIGHT) {
                    DaemonProcess.sleep(Duration.ofMillis(20));
                }
                daemon.terminate();
                for (CompletableFuture<HttpResponse<String>> response : inFlight) {
                    assertThat(response.get().statusCode()).isEqualTo(201);
                }
                assertThat(daemon.awaitExit(Duration.ofSeconds(60))).as(daemon.log()).isZero();
                assertThat(daemon.log()).contains("Stackpilot stopped (0 audit rows unwritten)")
                        .doesNotContain("terminating connection").doesNotContain("Exception in thread");
            }
        }
        try (EmbeddedPostgresServer reopened = EmbeddedPostgresServer.start(data.resolve("postgres"), false);
             Connection connection = DriverManager.getConnection(reopened.jdbcUrl("postgres"), reopened.user(),
                     reopened.password())) {
            assertThat(count(connection, "SELECT count(*) FROM api_request WHERE request_id LIKE 'embedded-in-flight-%'"))
                    .isEqualTo(IN_FLIGHT);
            assertThat(count(connection, "SELECT count(*) FROM lease WHERE expires_at > now()")).isZero();
        }
    }

    /**
     * The whole stop shares one deadline: with a request and a statistics collection both hanging (each would take
     * a minute), SIGTERM still ends the process about when STACKPILOT_SHUTDOWN_TIMEOUT ends, not after one timeout
     * for the requests plus another for the job (as it did), so that Kubernetes' grace period and systemd's
     * TimeoutStopSec never kill it mid-stop. The bound is the behaviour under test; its margin (4 s for the JVM to
     * exit) is wide enough for a loaded machine and far below the second timeout the old stop took.
     */
    @Test
    void sigterm_ends_within_the_shutdown_timeout_when_a_request_and_the_statistics_job_both_hang() throws Exception {
        Duration budget = Duration.ofSeconds(8);
        try (StubCloud cloud = new StubCloud();
             TestDatabase database = TestDatabases.embedded().createEmptyDatabase()) {
            Map<String, String> env = new HashMap<>(cloud.serviceAccount());
            env.putAll(Map.of("STACKPILOT_ALLOWED_DOMAINS", "Default", "STACKPILOT_DB_URL", database.jdbcUrl(),
                    "STACKPILOT_STATS_INTERVAL", "PT5S", "STACKPILOT_SHUTDOWN_TIMEOUT", budget.toString(),
                    "STACKPILOT_OPENSTACK_READ_TIMEOUT", "PT90S"));
            try (DaemonProcess daemon = DaemonProcess.launch("budget-it", env, logs)) {
                daemon.awaitHealthy(Duration.ofSeconds(60));
                awaitRow(database, "SELECT count(*) FROM lease WHERE holder = 'budget-it'", daemon);
                int listsBefore = cloud.serverListsStarted();
                cloud.slowServerLists(Duration.ofSeconds(60));
                while (cloud.serverListsStarted() == listsBefore) {
                    DaemonProcess.sleep(Duration.ofMillis(20));
                }
                cloud.slowLogins(Duration.ofSeconds(60));
                int loginsBefore = cloud.loginsStarted();
                CompletableFuture<HttpResponse<String>> hanging = http.sendAsync(login(daemon, "budget-hanging"),
                        HttpResponse.BodyHandlers.ofString());
                while (cloud.loginsStarted() == loginsBefore) {
                    DaemonProcess.sleep(Duration.ofMillis(20));
                }

                long signalled = System.nanoTime();
                daemon.terminate();
                int status = daemon.awaitExit(Duration.ofSeconds(60));
                Duration took = Duration.ofNanos(System.nanoTime() - signalled);

                assertThat(status).as(daemon.log()).isZero();
                assertThat(took).as(daemon.log()).isLessThan(budget.plusSeconds(4));
                hanging.cancel(true);
            }
        }
    }

    @Test
    void bad_configuration_exits_78_listing_every_problem_in_one_message() throws IOException {
        try (DaemonProcess daemon = DaemonProcess.launch("config-it", Map.of("STACKPILOT_STATS_INTERVAL", "PT7M",
                "STACKPILOT_DB_POOL_SIZE", "many", "OS_AUTH_URL", "http://127.0.0.1:9/v3",
                "OS_PASSWORD", "Conf-S3cret-11"), logs)) {
            assertThat(daemon.awaitExit(Duration.ofSeconds(30))).isEqualTo(Main.EXIT_CONFIG);
            String output = daemon.log();
            assertThat(output).contains("invalid configuration:").contains("STACKPILOT_STATS_INTERVAL")
                    .contains("STACKPILOT_DB_POOL_SIZE").contains("both empty").contains("OS_USERNAME")
                    .doesNotContain("Conf-S3cret-11");
            assertThat(output.lines().filter(line -> line.contains("invalid configuration"))).hasSize(1);
        }
    }

    private static HttpRequest login(DaemonProcess daemon, String requestId) {
        return HttpRequest.newBuilder(URI.create(daemon.baseUrl() + "/api/v1/auth/tokens"))
                .header("Content-Type", "application/json").header("X-Request-Id", requestId)
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\""
                        + StubCloud.PASSWORD + "\",\"project\":\"admin\"}")).build();
    }

    private static void awaitRow(TestDatabase database, String countQuery, DaemonProcess daemon) throws SQLException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (count(database, countQuery) == 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no row for " + countQuery + ":\n" + daemon.log());
            }
            DaemonProcess.sleep(Duration.ofMillis(200));
        }
    }

    static long count(TestDatabase database, String query) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl())) {
            return count(connection, query);
        }
    }

    private static long count(Connection connection, String query) throws SQLException {
        try (ResultSet rows = connection.createStatement().executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
