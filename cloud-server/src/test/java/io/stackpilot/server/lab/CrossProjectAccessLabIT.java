package io.stackpilot.server.lab;

import static io.stackpilot.server.lab.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 14.1 against the lab: the user {@code admin} holds the admin role in the allowed project demo, and Nova's
 * default policy lets such a token read and delete any project's server. Through Stackpilot it must see neither a
 * server of project admin (not allowed here) nor be able to delete it. The server is made in project admin straight
 * at Nova (named {@code access-bola-*}, without a network) and always removed.
 */
@Tag("lab-parallel") // runs beside the others so tagged (cloud-server/pom.xml, lab profile)
class CrossProjectAccessLabIT {
    private static RealServer server;

    @BeforeAll
    static void start() {
        Map<String, String> env = new HashMap<>(Lab.serviceAccount());
        env.put("STACKPILOT_ALLOWED_PROJECTS", "demo");
        // Several logins within seconds from 127.0.0.1; the login rate limit has tests of its own.
        env.put("STACKPILOT_LOGIN_RATE_LIMIT", "off");
        server = RealServer.start(env, Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void an_admin_token_scoped_to_demo_cannot_get_list_or_delete_a_server_of_project_admin() {
        Lab.Login admin = Lab.login("admin", Lab.ADMIN_PASSWORD, "admin", "Default");
        String compute = admin.endpoint("compute");
        String id = bootWithoutNetwork(admin, "access-bola-" + UUID.randomUUID().toString().substring(0, 8));
        try {
            String token = logInAsAdminToDemo();
            assertThat(Lab.get(compute + "/servers/" + id, Lab.login("admin", Lab.ADMIN_PASSWORD, "demo",
                    "Default").token()).path("server").path("id").asText())
                    .as("Nova itself shows the server to the admin token scoped to demo").isEqualTo(id);

            assertProblem(server.get("/api/v1/servers/" + id, token), 404, "not-found");
            assertProblem(server.delete("/api/v1/servers/" + id, token), 404, "not-found");
            HttpResponse<String> list = server.get("/api/v1/servers", token);
            assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
            assertThat(list.body()).doesNotContain(id);

            JsonNode still = Lab.get(compute + "/servers/" + id, admin.token()).path("server");
            assertThat(still.path("id").asText()).isEqualTo(id);
            assertThat(still.path("OS-EXT-STS:task_state").asText()).isNotEqualTo("deleting");
            assertThat(still.path("status").asText()).isNotIn("DELETED", "SOFT_DELETED");
        } finally {
            Lab.delete(compute + "/servers/" + id, admin.token());
        }
    }

    private static String logInAsAdminToDemo() {
        HttpResponse<String> login = server.post("/api/v1/auth/tokens", null, """
                {"username": "admin", "password": "%s", "user_domain": "Default", "project": "demo", \
                "project_domain": "Default"}""".formatted(Lab.ADMIN_PASSWORD));
        assertThat(login.statusCode()).as(login.body()).isEqualTo(201);
        return Lab.json(login.body()).path("token").asText();
    }

    /** Boots in the login's project with microversion 2.37's {@code "networks": "none"}; returns the id. */
    private static String bootWithoutNetwork(Lab.Login login, String name) {
        String compute = login.endpoint("compute");
        String flavor = null;
        for (JsonNode candidate : Lab.get(compute + "/flavors", login.token()).path("flavors")) {
            if (candidate.path("name").asText().equals("m1.tiny")) {
                flavor = candidate.path("id").asText();
            }
        }
        String image = Lab.get(login.endpoint("image") + "/v2/images?name=cirros-0.6-lab", login.token())
                .path("images").path(0).path("id").asText();
        HttpResponse<String> created = Lab.post(compute + "/servers", login.token(), """
                {"server": {"name": "%s", "flavorRef": "%s", "imageRef": "%s", "networks": "none"}}"""
                .formatted(name, flavor, image), Map.of("OpenStack-API-Version", "compute 2.37"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
        return Lab.json(created.body()).path("server").path("id").asText();
    }
}
