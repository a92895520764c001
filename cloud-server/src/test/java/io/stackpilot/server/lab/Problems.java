package io.stackpilot.server.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;

/** Checks that an answer is a complete problem+json document of the expected status and type. */
final class Problems {
    private Problems() {
    }

    static JsonNode assertProblem(HttpResponse<String> response, int status, String slug) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = Lab.json(response.body());
        assertThat(problem.path("type").asText()).isEqualTo("/problems/" + slug);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("detail").asText()).isNotBlank();
        assertThat(problem.path("request_id").asText())
                .isEqualTo(response.headers().firstValue("X-Request-Id").orElseThrow());
        return problem;
    }
}
