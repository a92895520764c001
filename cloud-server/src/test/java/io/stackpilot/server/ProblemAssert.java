package io.stackpilot.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;

/** Checks that a response is a complete problem+json document of the expected status and type. */
final class ProblemAssert {
    private ProblemAssert() {
    }

    static JsonNode assertProblem(HttpResponse<String> response, int status, String slug) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        String requestId = response.headers().firstValue("X-Request-Id").orElseThrow();
        JsonNode problem = TestServer.json(response);
        assertThat(problem.get("type").asText()).isEqualTo("/problems/" + slug);
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("detail").asText()).isNotBlank();
        assertThat(problem.get("instance").asText()).isEqualTo(response.uri().getPath());
        assertThat(problem.get("request_id").asText()).isEqualTo(requestId);
        return problem;
    }
}
