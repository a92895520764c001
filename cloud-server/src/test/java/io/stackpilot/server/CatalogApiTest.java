package io.stackpilot.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackpilot.core.testing.TestData;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CatalogApiTest {
    private final TestServer app = TestServer.start();
    private final String demo = app.token(TestData.demo());

    @AfterEach
    void stop() {
        app.close();
    }

    @Test
    void lists_flavors_in_snake_case() {
        HttpResponse<String> response = app.get("/api/v1/flavors", demo);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode tiny = TestServer.json(response).get("flavors").get(0);
        assertThat(tiny.fieldNames()).toIterable().containsExactly("id", "name", "vcpus", "ram_mb", "disk_gb",
                "ephemeral_gb", "is_public");
        assertThat(tiny.get("name").asText()).isEqualTo("m1.tiny");
        assertThat(tiny.get("ram_mb").asInt()).isEqualTo(512);
    }

    @Test
    void lists_images() {
        JsonNode image = TestServer.json(app.get("/api/v1/images", demo)).get("images").get(0);
        assertThat(image.fieldNames()).toIterable().containsExactly("id", "name", "status", "visibility",
                "disk_format", "min_disk_gb", "min_ram_mb", "size_bytes");
        assertThat(image.get("name").asText()).isEqualTo("cirros-0.6-lab");
        assertThat(image.get("size_bytes").asLong()).isEqualTo(65536L);
    }

    @Test
    void lists_networks_with_subnets() {
        JsonNode networks = TestServer.json(app.get("/api/v1/networks", demo)).get("networks");
        JsonNode privateNet = networks.get(0);
        assertThat(privateNet.get("name").asText()).isEqualTo("private");
        assertThat(privateNet.get("shared").asBoolean()).isFalse();
        assertThat(privateNet.get("subnets").get(1).get("ip_version").asInt()).isEqualTo(6);
        assertThat(networks.get(1).get("external").asBoolean()).isTrue();
    }

    @Test
    void accepts_a_bearer_token() {
        HttpResponse<String> response = app.send("GET", "/api/v1/flavors", null, null,
                Map.of("Authorization", "Bearer " + demo));
        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void echoes_a_given_request_id_and_makes_one_otherwise() {
        HttpResponse<String> given = app.send("GET", "/api/v1/flavors", demo, null, Map.of("X-Request-Id", "abc-123"));
        assertThat(given.headers().firstValue("X-Request-Id")).hasValue("abc-123");
        HttpResponse<String> made = app.get("/api/v1/flavors", demo);
        assertThat(made.headers().firstValue("X-Request-Id")).hasValueSatisfying(id -> assertThat(id).startsWith("req-"));
        HttpResponse<String> unsafe = app.send("GET", "/api/v1/flavors", demo, null,
                Map.of("X-Request-Id", "bad id with spaces"));
        assertThat(unsafe.headers().firstValue("X-Request-Id")).hasValueSatisfying(id -> assertThat(id).startsWith("req-"));
    }
}
