package io.stackpilot.server;

import static io.stackpilot.server.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.core.testing.TestData;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ErrorApiTest {
    private final TestServer app = TestServer.start();

    @AfterEach
    void stop() {
        app.close();
    }

    @Test
    void an_unknown_path_is_a_404_problem() {
        assertProblem(app.get("/no/such/thing", null), 404, "not-found");
        assertProblem(app.get("/api/v1/nothing-here", app.token(TestData.demo())), 404, "not-found");
    }

    @Test
    void a_wrong_method_is_a_405_problem() {
        assertProblem(app.send("PUT", "/api/v1/servers", app.token(TestData.demo()), "{}",
                Map.of("Content-Type", "application/json")), 405, "method-not-allowed");
        assertProblem(app.send("DELETE", "/healthz", null, null, Map.of()), 405, "method-not-allowed");
    }

    @Test
    void a_body_over_the_size_limit_is_a_413_problem() {
        String huge = "{\"name\":\"" + "x".repeat(2_000_000) + "\"}";
        assertProblem(app.post("/api/v1/servers", app.token(TestData.demo()), huge, Map.of()), 413,
                "payload-too-large");
        assertThat(app.cloud.calls("boot")).isZero();
    }

    @Test
    void errors_carry_the_given_request_id() {
        var response = app.send("GET", "/nowhere", null, null, Map.of("X-Request-Id", "trace-42"));
        assertThat(assertProblem(response, 404, "not-found").get("request_id").asText()).isEqualTo("trace-42");
    }
}
