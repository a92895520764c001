package io.stackpilot.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackpilot.core.testing.TestData;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Server ids that are not Nova's UUIDs answer 404 as a missing server does, and never reach the cloud. */
class OddServerIdsApiTest {
    private static final List<String> ODD_IDS = List.of("detail", "%2E%2E", "%2e", ".%2E", "x%2F..%2Fy",
            "0ff19dfc-339a-4326-9a56-6ef3c4ad5e23x", "0ff19dfc339a43269a566ef3c4ad5e23", "a".repeat(300));

    private final TestServer app = TestServer.start();
    private final String demo = app.token(TestData.demo());

    @AfterEach
    void stop() {
        app.close();
    }

    @Test
    void an_id_that_cannot_be_a_server_is_not_found_on_every_server_route() {
        for (String id : ODD_IDS) {
            String path = "/api/v1/servers/" + id;
            assertNotFound(app.get(path, demo));
            assertNotFound(app.send("DELETE", path, demo, null, Map.of()));
        }
        assertThat(app.cloud.calls("findServer")).isZero();
        assertThat(app.cloud.calls("delete")).isZero();
    }

    @Test
    void a_raw_dot_dot_segment_is_a_404_problem_too() {
        for (String method : List.of("GET", "DELETE")) {
            assertNotFound(app.send(method, "/api/v1/servers/..", demo, null, Map.of()));
        }
        assertThat(app.cloud.calls("findServer")).isZero();
        assertThat(app.cloud.calls("delete")).isZero();
    }

    /** As {@link ProblemAssert}, but {@code instance} is the path as sent (still %-encoded), not as decoded. */
    private static void assertNotFound(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.uri() + " " + response.body()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = TestServer.json(response);
        assertThat(problem.get("type").asText()).isEqualTo("/problems/not-found");
        assertThat(problem.get("request_id").asText())
                .isEqualTo(response.headers().firstValue("X-Request-Id").orElseThrow());
    }

    @Test
    void the_detail_does_not_repeat_a_long_id_whole() {
        String id = "a".repeat(300);
        String detail = TestServer.json(app.get("/api/v1/servers/" + id, demo)).get("detail").asText();
        assertThat(detail).contains("a".repeat(64)).doesNotContain("a".repeat(65));
    }
}
