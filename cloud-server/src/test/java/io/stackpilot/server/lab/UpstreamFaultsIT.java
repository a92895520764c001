package io.stackpilot.server.lab;

import static io.stackpilot.server.lab.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.server.lab.FaultyCloud.Fault;
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
 * The daemon as production wires it (real OpenStack adapter, real database, timeouts from its environment: 1 s to
 * connect, 1 s to read) in front of a {@link FaultyCloud}: whatever the cloud does wrong, every API call that needs
 * it answers with the matching 502/503/504 problem+json, never a 500 and never a hang (each request the test sends
 * gives up after 20 s, a third of the stub's slow answer), the audit row carries that status, and no token or
 * password is in the answer. No lab needed.
 */
class UpstreamFaultsIT {
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(20);
    private static final String SERVER_ID = "0f4b8c1e-6a4d-4c52-9a27-3d5e8f9b1c20";

    static Stream<Arguments> faults() {
        return Stream.of(
                Arguments.of(Fault.NOVA_DOWN, 0, 503, "upstream-unavailable"),
                Arguments.of(Fault.NOVA_SLOW, 0, 504, "upstream-timeout"),
                Arguments.of(Fault.NOVA_STATUS, 500, 502, "upstream-failure"),
                Arguments.of(Fault.NOVA_STATUS, 502, 502, "upstream-failure"),
                Arguments.of(Fault.NOVA_STATUS, 503, 503, "upstream-unavailable"),
                Arguments.of(Fault.NOVA_STATUS, 504, 504, "upstream-timeout"),
                Arguments.of(Fault.KEYSTONE_LOGIN_SLOW, 0, 504, "upstream-timeout"),
                Arguments.of(Fault.KEYSTONE_VALIDATION_SLOW, 0, 504, "upstream-timeout"),
                Arguments.of(Fault.KEYSTONE_VALIDATION_STATUS, 503, 503, "upstream-unavailable"));
    }

    @ParameterizedTest(name = "{0} {1} is answered {2}")
    @MethodSource("faults")
    void a_failing_cloud_is_answered_with_a_gateway_problem_quickly_and_without_secrets(Fault fault, int upstream,
                                                                                        int expected, String slug) {
        try (FaultyCloud cloud = new FaultyCloud(fault, upstream);
             RealServer server = RealServer.start(environment(cloud), CLIENT_TIMEOUT)) {
            DatabaseProbe database = new DatabaseProbe(server.jdbcUrl());
            List<HttpResponse<String>> answers = new ArrayList<>();
            List<Long> millis = new ArrayList<>();
            for (Request request : requests(fault)) {
                long started = System.nanoTime();
                HttpResponse<String> answer = server.send(request.method(), request.path(), FaultyCloud.USER_TOKEN,
                        request.body(), Map.of());
                millis.add(Duration.ofNanos(System.nanoTime() - started).toMillis());
                answers.add(answer);
            }
            System.out.printf("upstream faults: %s %s -> %s in %s ms%n", fault, upstream == 0 ? "" : upstream,
                    answers.stream().map(HttpResponse::statusCode).toList(), millis);

            for (HttpResponse<String> answer : answers) {
                assertProblem(answer, expected, slug);
                assertThat(answer.body()).doesNotContain(FaultyCloud.USER_TOKEN, FaultyCloud.SERVICE_TOKEN,
                        FaultyCloud.SERVICE_PASSWORD);
                assertThat(database.auditRowOf(answer).status()).isEqualTo(expected);
            }
        }
    }

    private record Request(String method, String path, String body) {
    }

    private static List<Request> requests(Fault fault) {
        if (fault.name().startsWith("KEYSTONE")) {
            return List.of(new Request("GET", "/api/v1/flavors", null), new Request("GET", "/api/v1/servers", null));
        }
        String launch = """
                {"name": "jr-fault-%s", "flavor_id": "1", "image_id": "%s", "network_ids": ["%s"]}"""
                .formatted(UUID.randomUUID().toString().substring(0, 8), UUID.randomUUID(), UUID.randomUUID());
        return List.of(new Request("GET", "/api/v1/flavors", null), new Request("GET", "/api/v1/servers", null),
                new Request("GET", "/api/v1/servers/" + SERVER_ID, null), new Request("POST", "/api/v1/servers",
                        launch), new Request("DELETE", "/api/v1/servers/" + SERVER_ID, null));
    }

    private static Map<String, String> environment(FaultyCloud cloud) {
        Map<String, String> env = new HashMap<>(cloud.serviceAccount());
        env.putAll(Map.of("STACKPILOT_ALLOWED_PROJECTS", "demo", "STACKPILOT_OPENSTACK_CONNECT_TIMEOUT", "PT1S",
                "STACKPILOT_OPENSTACK_READ_TIMEOUT", "PT1S", "STACKPILOT_LOG_LEVEL", "error"));
        return env;
    }
}
