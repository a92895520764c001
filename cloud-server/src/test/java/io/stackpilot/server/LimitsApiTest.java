package io.stackpilot.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackpilot.core.testing.TestData;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LimitsApiTest {
    private final TestServer app = TestServer.start();

    @AfterEach
    void stop() {
        app.close();
    }

    @Test
    void shows_the_callers_quota_and_use_of_instances_cores_ram_floating_ips_and_security_groups() {
        String demo = app.token(TestData.demo());
        app.cloud.setInstanceQuota(TestData.demo().project().id(), 3);
        app.post("/api/v1/servers", demo, """
                {"name":"one","flavor_id":"1","image_id":"%s","network_ids":["%s"]}""".formatted(
                app.cloud.listImages(null).getFirst().id(), app.cloud.listNetworks(null).getFirst().id()),
                java.util.Map.of());

        HttpResponse<String> response = app.get("/api/v1/limits", demo);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode limits = TestServer.json(response);
        assertThat(limits.fieldNames()).toIterable().containsExactly("project_id", "instances", "cores", "ram_mb",
                "floating_ips", "security_groups");
        assertThat(limits.get("project_id").asText()).isEqualTo(TestData.demo().project().id());
        assertThat(limits.get("instances").toString()).isEqualTo("{\"limit\":3,\"used\":1}");
        assertThat(limits.get("floating_ips").toString()).isEqualTo("{\"limit\":50,\"used\":0}");
        assertThat(limits.get("security_groups").toString()).isEqualTo("{\"limit\":10,\"used\":1}");
    }

    @Test
    void needs_a_token() {
        assertThat(app.get("/api/v1/limits", null).statusCode()).isEqualTo(401);
    }
}
