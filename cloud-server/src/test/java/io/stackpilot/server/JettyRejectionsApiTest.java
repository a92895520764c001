package io.stackpilot.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackpilot.core.testing.TestData;
import io.stackpilot.server.FuzzRequest.Answer;
import io.stackpilot.server.FuzzRequest.Header;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Requests that Jetty refuses before any handler runs are answered as problem+json with a request id, like every
 * other error, and carry nothing of what was sent (cases found by {@link ApiFuzzTest}: Jetty's HTML error page).
 */
class JettyRejectionsApiTest {
    private final TestServer app = TestServer.start();
    private final String token = app.token(TestData.demo());

    @AfterEach
    void stop() {
        app.close();
    }

    @Test
    void a_control_character_in_a_header_is_a_400_problem() {
        assertRefused(send("/api/v1/flavors", new Header("X-Request-Id", "a\u0001b")), 400);
    }

    @Test
    void an_encoded_dot_dot_segment_jetty_refuses_is_a_400_problem() {
        assertRefused(send("/readyz/%2E%2E/%2E%2E/metrics", new Header("X-Auth-Token", token)), 400);
    }

    @Test
    void a_request_line_over_the_limit_is_a_414_problem() {
        assertRefused(send("/api/v1/audit?user_id=" + "u".repeat(10_000), new Header("X-Auth-Token", token)), 414);
    }

    @Test
    void headers_over_the_limit_are_a_431_problem_without_the_token() {
        Answer answer = send("/api/v1/flavors", new Header("X-Auth-Token", token + "x".repeat(9000)));
        assertRefused(answer, 431);
        assertThat(answer.head() + answer.body()).doesNotContain(token);
    }

    private Answer send(String target, Header header) {
        return new FuzzRequest("test", "GET", target, List.of(header), null, Set.of()).send(app.server.port());
    }

    /** The problem names its request id; the request never reached a handler, so it has no audit row. */
    private void assertRefused(Answer answer, int status) {
        assertThat(answer.status()).as(answer.head()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).isEqualTo("application/problem+json");
        String requestId = answer.header("X-Request-Id");
        assertThat(requestId).startsWith("req-");
        JsonNode problem = TestServer.json(answer.body());
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("request_id").asText()).isEqualTo(requestId);
        assertThat(problem.path("type").asText()).startsWith("/problems/");
        assertThat(app.server.requestsBegun()).isZero();
        app.awaitCompletedRequests();
        assertThat(app.auditLog.all()).noneMatch(row -> row.requestId().equals(requestId));
    }
}
