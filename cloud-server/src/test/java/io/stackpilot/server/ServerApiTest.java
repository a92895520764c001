package io.stackpilot.server;

import static io.stackpilot.server.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackpilot.core.compute.ServerStatus;
import io.stackpilot.core.testing.TestData;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ServerApiTest {
    static final String BOOT = "{\"name\":\"srv-api\",\"flavor_id\":\"1\",\"image_id\":\"cirros-image-id\","
            + "\"network_ids\":[\"private-net-id\"],\"preemptible\":true,\"user_data\":\"#cloud-config secret\"}";

    private final TestServer app = TestServer.start();
    private final String demo = app.token(TestData.demo());

    @AfterEach
    void stop() {
        app.close();
    }

    private HttpResponse<String> launch(String body, Map<String, String> headers) {
        return app.post("/api/v1/servers", demo, body, headers);
    }

    @Test
    void launches_a_server_with_202_and_a_location() {
        HttpResponse<String> response = launch(BOOT, Map.of());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode server = TestServer.json(response);
        String id = server.get("id").asText();
        assertThat(response.headers().firstValue("Location")).hasValue("/api/v1/servers/" + id);
        assertThat(server.fieldNames()).toIterable().containsExactly("id", "name", "status", "addresses", "flavor",
                "image", "project_id", "created_at", "preemptible");
        assertThat(server.get("flavor").get("name").asText()).isEqualTo("m1.tiny");
        assertThat(server.get("image").get("name").asText()).isEqualTo("cirros-0.6-lab");
        assertThat(server.get("project_id").asText()).isEqualTo(TestData.DEMO.id());
        assertThat(server.get("created_at").asText()).isEqualTo("2026-11-22T06:00:00Z");
        assertThat(server.get("preemptible").asBoolean()).isTrue();
        JsonNode address = server.get("addresses").get(0);
        assertThat(address.get("network").asText()).isEqualTo("private");
        assertThat(address.get("type").asText()).isEqualTo("fixed");
        assertThat(address.get("version").asInt()).isEqualTo(4);
        assertThat(response.body()).doesNotContain("secret");
    }

    @Test
    void shows_lists_and_deletes_the_callers_server() {
        String id = TestServer.json(launch(BOOT, Map.of())).get("id").asText();
        HttpResponse<String> shown = app.get("/api/v1/servers/" + id, demo);
        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(TestServer.json(shown).get("name").asText()).isEqualTo("srv-api");
        JsonNode list = TestServer.json(app.get("/api/v1/servers", demo));
        assertThat(list.get("servers")).hasSize(1);
        assertThat(list.get("next_marker").isNull()).isTrue();
        assertThat(app.send("DELETE", "/api/v1/servers/" + id, demo, null, Map.of()).statusCode()).isEqualTo(202);
        assertProblem(app.get("/api/v1/servers/" + id, demo), 404, "not-found");
        assertProblem(app.send("DELETE", "/api/v1/servers/" + id, demo, null, Map.of()), 404, "not-found");
    }

    @Test
    void pages_and_filters_the_server_list() {
        for (int i = 0; i < 3; i++) {
            app.cloud.putServer(TestData.server("srv-" + i, TestData.DEMO, i == 0 ? ServerStatus.ERROR
                    : ServerStatus.ACTIVE, app.clock.instant().minusSeconds(i)));
        }
        JsonNode first = TestServer.json(app.get("/api/v1/servers?limit=2", demo));
        assertThat(first.get("servers")).hasSize(2);
        String marker = first.get("next_marker").asText();
        JsonNode second = TestServer.json(app.get("/api/v1/servers?limit=2&marker=" + marker, demo));
        assertThat(second.get("servers")).hasSize(1);
        assertThat(second.get("next_marker").isNull()).isTrue();
        JsonNode errors = TestServer.json(app.get("/api/v1/servers?status=ERROR", demo));
        assertThat(errors.get("servers")).extracting(s -> s.get("name").asText()).containsExactly("srv-0");
    }

    @Test
    void lists_every_invalid_query_parameter() {
        assertThat(app.get("/api/v1/servers?status=active", demo).statusCode()).isEqualTo(200);
        JsonNode problem = assertProblem(app.get("/api/v1/servers?limit=0&status=SLEEPING", demo), 400,
                "invalid-request");
        assertThat(problem.get("errors")).extracting(e -> e.get("field").asText())
                .containsExactlyInAnyOrder("limit", "status");
    }

    @Test
    void another_projects_server_is_not_found() {
        String id = TestServer.json(launch(BOOT, Map.of())).get("id").asText();
        String alt = app.token(TestData.altDemo());
        assertProblem(app.get("/api/v1/servers/" + id, alt), 404, "not-found");
        assertProblem(app.send("DELETE", "/api/v1/servers/" + id, alt, null, Map.of()), 404, "not-found");
        assertThat(TestServer.json(app.get("/api/v1/servers", alt)).get("servers")).isEmpty();
    }

    @Test
    void bad_json_is_a_400_problem() {
        JsonNode problem = assertProblem(launch("{\"name\": ", Map.of()), 400, "invalid-request");
        assertThat(problem.get("errors").get(0).get("field").asText()).isEqualTo("body");
        assertProblem(launch("[1,2]", Map.of()), 400, "invalid-request");
    }

    @Test
    void lists_every_missing_or_mistyped_field() {
        JsonNode problem = assertProblem(launch("{\"preemptible\":\"yes\",\"network_ids\":\"net\",\"colour\":1}",
                Map.of()), 400, "invalid-request");
        assertThat(problem.get("errors")).extracting(e -> e.get("field").asText())
                .containsExactlyInAnyOrder("colour", "preemptible", "network_ids", "name", "flavor_id", "image_id");
        assertThat(app.cloud.calls("boot")).isZero();
    }

    @Test
    void names_an_unknown_flavor_image_or_network() {
        JsonNode problem = assertProblem(launch("{\"name\":\"srv-x\",\"flavor_id\":\"42\",\"image_id\":\"cirros-image-id\","
                + "\"network_ids\":[\"nope\"]}", Map.of()), 400, "invalid-request");
        assertThat(problem.get("errors")).extracting(e -> e.get("field").asText() + ": " + e.get("message").asText())
                .containsExactly("flavor_id: unknown flavor 42", "network_ids: unknown network nope");
        assertThat(app.cloud.calls("boot")).isZero();
    }

    @Test
    void a_body_that_is_not_json_is_415() {
        assertProblem(app.send("POST", "/api/v1/servers", demo, BOOT, Map.of("Content-Type", "text/plain")), 415,
                "unsupported-media-type");
    }

    @Test
    void quota_exceeded_is_403_quota_exceeded() {
        app.cloud.setInstanceQuota(TestData.DEMO.id(), 0);
        assertProblem(launch(BOOT, Map.of()), 403, "quota-exceeded");
    }

    @Test
    void the_same_idempotency_key_twice_creates_one_server_and_answers_the_same() {
        HttpResponse<String> first = launch(BOOT, Map.of("Idempotency-Key", "key-1"));
        HttpResponse<String> second = launch(BOOT, Map.of("Idempotency-Key", "key-1"));
        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(second.statusCode()).isEqualTo(202);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
        assertThat(second.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(app.cloud.allServers()).hasSize(1);
        assertThat(app.cloud.calls("boot")).isEqualTo(1);
    }

    @Test
    void the_same_idempotency_key_with_another_body_is_a_conflict() {
        launch(BOOT, Map.of("Idempotency-Key", "key-1"));
        assertProblem(launch(BOOT.replace("srv-api", "srv-other"), Map.of("Idempotency-Key", "key-1")), 409,
                "conflict");
        assertThat(app.cloud.allServers()).hasSize(1);
    }

    @Test
    void upstream_faults_become_502_503_and_504() {
        app.get("/api/v1/images", demo); // warms the token cache, so the faults hit the compute calls
        app.cloud.failNext(() -> new io.stackpilot.core.error.UpstreamFailureException("compute", "nova said 500",
                "req-nova-1", null));
        JsonNode failure = assertProblem(app.get("/api/v1/flavors", demo), 502, "upstream-failure");
        assertThat(failure.get("upstream_request_id").asText()).isEqualTo("req-nova-1");
        app.cloud.failNext(() -> new io.stackpilot.core.error.UpstreamUnavailableException("compute", "refused",
                null, null));
        assertProblem(app.get("/api/v1/flavors", demo), 503, "upstream-unavailable");
        app.cloud.failNext(() -> new io.stackpilot.core.error.UpstreamTimeoutException("compute", "slow", null, null));
        assertProblem(app.get("/api/v1/flavors", demo), 504, "upstream-timeout");
    }

    @Test
    void an_unexpected_error_is_a_500_without_its_message() {
        app.get("/api/v1/images", demo);
        app.cloud.failNext(() -> new IllegalStateException("internal detail with password=hunter2"));
        HttpResponse<String> response = app.get("/api/v1/flavors", demo);
        assertProblem(response, 500, "internal-error");
        assertThat(response.body()).doesNotContain("hunter2");
    }
}
