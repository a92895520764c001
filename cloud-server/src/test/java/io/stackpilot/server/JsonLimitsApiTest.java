package io.stackpilot.server;

import static io.stackpilot.server.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.core.testing.TestData;
import io.stackpilot.server.http.ApiJsonMapper;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Bodies that only an attacker sends are refused by the parser with a 400, never a 500 or a stack overflow. */
class JsonLimitsApiTest {
    private final TestServer app = TestServer.start();
    private final String demo = app.token(TestData.demo());

    @AfterEach
    void stop() {
        app.close();
    }

    @Test
    void a_50000_deep_array_to_the_launch_is_a_400_problem() {
        String deep = "[".repeat(50_000) + "]".repeat(50_000);

        var problem = assertProblem(app.post("/api/v1/servers", demo, deep, Map.of()), 400, "invalid-request");

        assertThat(problem.get("detail").asText()).contains("nested too deeply");
        assertThat(app.cloud.calls("boot")).isZero();
    }

    @Test
    void a_deeply_nested_field_of_the_login_is_a_400_problem() {
        String deep = "{\"username\":" + "[".repeat(50_000);

        assertProblem(app.post("/api/v1/auth/tokens", null, deep, Map.of()), 400, "invalid-request");
        assertThat(app.cloud.calls("authenticate")).isZero();
    }

    @Test
    void nesting_just_over_the_limit_is_refused_and_at_the_limit_read() {
        String over = "{\"name\":" + "[".repeat(ApiJsonMapper.MAX_NESTING_DEPTH) + "]".repeat(ApiJsonMapper.MAX_NESTING_DEPTH) + "}";
        String within = "{\"name\":" + "[".repeat(ApiJsonMapper.MAX_NESTING_DEPTH - 1) + "]".repeat(ApiJsonMapper.MAX_NESTING_DEPTH - 1)
                + "}";

        assertThat(TestServer.json(app.post("/api/v1/servers", demo, over, Map.of())).get("detail").asText())
                .contains("nested too deeply");
        // Read, then refused for what it says (name is not a string), not for its shape.
        var problem = assertProblem(app.post("/api/v1/servers", demo, within, Map.of()), 400, "invalid-request");
        assertThat(problem.get("detail").asText()).doesNotContain("nested too deeply").contains("name");
    }
}
