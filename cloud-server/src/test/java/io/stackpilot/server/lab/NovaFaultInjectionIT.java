package io.stackpilot.server.lab;

import static io.stackpilot.server.lab.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.openstack.http.HttpClients;
import io.stackpilot.server.lab.FaultProxy.Mode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The daemon as production wires it, with a {@link FaultProxy} on the TCP path to Nova (a {@link FaultyCloud}
 * whose Nova behaves): after one call that passes, the proxy delays, drips, resets, goes half-open or answers
 * garbage. Every API call that needs Nova then answers a 502/503/504 problem+json within the deadlines the
 * daemon was given (1 s to connect, 1 s to read, so the adapter's overall call deadline is 2 s), its audit row
 * carries that status, no request is left in flight, and the daemon stops within its shutdown budget (5 s).
 */
class NovaFaultInjectionIT {
    private static final Duration CONNECT = Duration.ofSeconds(1);
    private static final Duration READ = Duration.ofSeconds(1);
    private static final Duration SHUTDOWN_BUDGET = Duration.ofSeconds(5);
    /**
     * What one API call may take: the routes make at most two calls to Nova one after the other, each bounded by
     * the call deadline, plus a second for our own work on a loaded machine. A hang would take the 60 s of
     * the client's timeout.
     */
    private static final Duration ANSWER_BOUND = HttpClients.callDeadline(CONNECT, READ).multipliedBy(2)
            .plusSeconds(1);
    private static final String SERVER_ID = "0f4b8c1e-6a4d-4c52-9a27-3d5e8f9b1c20";

    static Stream<Arguments> faults() {
        return Stream.of(
                Arguments.of(Mode.DELAY, Duration.ofSeconds(5), 504, "upstream-timeout"),
                Arguments.of(Mode.DRIP, Duration.ofMillis(200), 504, "upstream-timeout"),
                Arguments.of(Mode.HALF_OPEN, Duration.ZERO, 504, "upstream-timeout"),
                Arguments.of(Mode.RESET, Duration.ZERO, 503, "upstream-unavailable"),
                Arguments.of(Mode.GARBAGE, Duration.ZERO, 502, "upstream-failure"));
    }

    @ParameterizedTest(name = "{0} {1} is answered {2}")
    @MethodSource("faults")
    void a_broken_connection_to_nova_is_answered_with_a_gateway_problem_in_time_and_leaves_nothing_running(
            Mode mode, Duration pause, int expected, String slug) {
        try (FaultyCloud cloud = new FaultyCloud(FaultyCloud.Fault.NONE, 0);
             FaultProxy proxy = new FaultProxy(cloud.novaPort())) {
            cloud.routeNovaThrough(proxy.port());
            RealServer server = RealServer.start(environment(cloud), Duration.ofSeconds(60));
            try {
                DatabaseProbe database = new DatabaseProbe(server.jdbcUrl());
                HttpResponse<String> passing = server.get("/api/v1/flavors", FaultyCloud.USER_TOKEN);
                assertThat(passing.statusCode()).as(passing.body()).isEqualTo(200);
                assertThat(proxy.accepted()).as("Nova is reached through the proxy").isPositive();

                proxy.mode(mode, pause);
                List<Long> millis = new ArrayList<>();
                for (Request request : requests()) {
                    long started = System.nanoTime();
                    HttpResponse<String> answer = server.send(request.method(), request.path(),
                            FaultyCloud.USER_TOKEN, request.body(), Map.of());
                    long took = Duration.ofNanos(System.nanoTime() - started).toMillis();
                    millis.add(took);
                    assertProblem(answer, expected, slug);
                    assertThat(took).as(request + " answered within " + ANSWER_BOUND)
                            .isLessThanOrEqualTo(ANSWER_BOUND.toMillis());
                    assertThat(database.auditRowOf(answer).status()).isEqualTo(expected);
                }
                System.out.printf("nova fault %s %s -> %d in %s ms%n", mode, pause, expected, millis);
                assertThat(server.daemon().server().inFlight()).isZero();
            } finally {
                long started = System.nanoTime();
                server.close();
                Duration stopped = Duration.ofNanos(System.nanoTime() - started);
                System.out.printf("nova fault %s: stopped in %d ms%n", mode, stopped.toMillis());
                assertThat(stopped).isLessThanOrEqualTo(SHUTDOWN_BUDGET);
            }
        }
    }

    private record Request(String method, String path, String body) {
    }

    private static List<Request> requests() {
        String launch = """
                {"name": "faults-%s", "flavor_id": "1", "image_id": "%s", "network_ids": ["%s"]}"""
                .formatted(UUID.randomUUID().toString().substring(0, 8), UUID.randomUUID(), UUID.randomUUID());
        return List.of(new Request("GET", "/api/v1/flavors", null), new Request("GET", "/api/v1/servers", null),
                new Request("GET", "/api/v1/servers/" + SERVER_ID, null),
                new Request("POST", "/api/v1/servers", launch),
                new Request("DELETE", "/api/v1/servers/" + SERVER_ID, null));
    }

    private static Map<String, String> environment(FaultyCloud cloud) {
        Map<String, String> env = new HashMap<>(cloud.serviceAccount());
        env.putAll(Map.of("STACKPILOT_ALLOWED_PROJECTS", "demo",
                "STACKPILOT_OPENSTACK_CONNECT_TIMEOUT", CONNECT.toString(),
                "STACKPILOT_OPENSTACK_READ_TIMEOUT", READ.toString(),
                "STACKPILOT_SHUTDOWN_TIMEOUT", SHUTDOWN_BUDGET.toString(), "STACKPILOT_LOG_LEVEL", "error",
                // every request must reach the faulty Nova: a cached flavor list would hide its faults
                "STACKPILOT_CATALOG_TTL", "0"));
        return env;
    }
}
