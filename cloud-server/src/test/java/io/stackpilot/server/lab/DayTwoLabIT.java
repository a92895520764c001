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
 * Issue 22 item 1 against the lab, through the daemon as production wires it: a server of project demo is stopped
 * (SHUTOFF), stopped again (202, already done), started, rebooted soft and hard, resized to m1.small and confirmed,
 * rebuilt, its console log read, and deleted. A member of alt-demo and an admin-role token of the allowed project
 * admin get 404 on its actions and console log, and the server is left as it was. Servers are named {@code dt-*}
 * and always removed.
 */
@Tag("lab-parallel") // runs beside the others so tagged (cloud-server/pom.xml, lab profile)
class DayTwoLabIT {
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(180);
    private static RealServer server;

    @BeforeAll
    static void start() {
        Map<String, String> env = new HashMap<>(Lab.serviceAccount());
        env.put("STACKPILOT_ALLOWED_PROJECTS", "demo,alt-demo,admin");
        // Several users log in within seconds from 127.0.0.1; the login rate limit has tests of its own.
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
    void a_server_is_stopped_started_rebooted_resized_rebuilt_its_log_read_and_deleted() {
        String token = logIn("demo", Lab.USER_PASSWORD, "demo");
        String flavor = idOf(server.get("/api/v1/flavors", token), "flavors", "m1.tiny");
        String bigger = idOf(server.get("/api/v1/flavors", token), "flavors", "m1.small");
        String image = idOf(server.get("/api/v1/images", token), "images", "cirros-0.6-lab");
        String network = idOf(server.get("/api/v1/networks", token), "networks", "private");
        String id = null;
        try {
            HttpResponse<String> launched = server.post("/api/v1/servers", token, """
                    {"name": "dt-%s", "flavor_id": "%s", "image_id": "%s", "network_ids": ["%s"]}"""
                    .formatted(UUID.randomUUID().toString().substring(0, 8), flavor, image, network));
            assertThat(launched.statusCode()).as(launched.body()).isEqualTo(202);
            id = Lab.json(launched.body()).path("id").asText();
            awaitStatus(id, token, "ACTIVE");

            JsonNode stopped = accepted(id, token, "{\"action\": \"stop\"}");
            assertThat(stopped.path("already_done").asBoolean()).isFalse();
            awaitStatus(id, token, "SHUTOFF");
            assertThat(accepted(id, token, "{\"action\": \"stop\"}").path("already_done").asBoolean())
                    .as("a stop of a SHUTOFF server is done already").isTrue();

            accepted(id, token, "{\"action\": \"start\"}");
            awaitStatus(id, token, "ACTIVE");
            accepted(id, token, "{\"action\": \"reboot\"}");
            awaitStatus(id, token, "ACTIVE");
            accepted(id, token, "{\"action\": \"reboot\", \"hard\": true}");
            awaitStatus(id, token, "ACTIVE");

            accepted(id, token, "{\"action\": \"resize\", \"flavor\": \"m1.small\"}");
            awaitStatus(id, token, "VERIFY_RESIZE");
            accepted(id, token, "{\"action\": \"confirm_resize\"}");
            JsonNode resized = awaitStatus(id, token, "ACTIVE");
            assertThat(resized.path("flavor").path("id").asText()).isEqualTo(bigger);
            assertProblem(server.post("/api/v1/servers/" + id + "/actions", token,
                    "{\"action\": \"confirm_resize\"}"), 409, "conflict");

            accepted(id, token, "{\"action\": \"rebuild\", \"image\": \"" + image + "\"}");
            awaitStatus(id, token, "ACTIVE");

            HttpResponse<String> log = server.get("/api/v1/servers/" + id + "/console-log?lines=10", token);
            assertThat(log.statusCode()).as(log.body()).isEqualTo(200);
            assertThat(Lab.json(log.body()).path("output").asText()).isNotBlank();

            othersGet404(id);

            assertThat(server.delete("/api/v1/servers/" + id, token).statusCode()).isEqualTo(202);
            awaitGone(id, token);
            id = null;
        } finally {
            if (id != null) {
                server.delete("/api/v1/servers/" + id, token);
            }
        }
    }

    /** alt-demo's member and an admin-role token scoped to project admin: 404, and the server stays ACTIVE. */
    private static void othersGet404(String id) {
        String altDemo = logIn("alt-demo", Lab.USER_PASSWORD, "alt-demo");
        String admin = logIn("admin", Lab.ADMIN_PASSWORD, "admin");
        for (String token : new String[] {altDemo, admin}) {
            assertProblem(server.post("/api/v1/servers/" + id + "/actions", token, "{\"action\": \"stop\"}"), 404,
                    "not-found");
            assertProblem(server.post("/api/v1/servers/" + id + "/actions", token,
                    "{\"action\": \"rebuild\", \"image\": \"cirros-0.6-lab\"}"), 404, "not-found");
            assertProblem(server.get("/api/v1/servers/" + id + "/console-log", token), 404, "not-found");
        }
        Lab.Login nova = Lab.login("admin", Lab.ADMIN_PASSWORD, "admin", "Default");
        JsonNode still = Lab.get(nova.endpoint("compute") + "/servers/" + id, nova.token()).path("server");
        assertThat(still.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(still.path("OS-EXT-STS:task_state").isNull()).as(still.toString()).isTrue();
    }

    private static JsonNode accepted(String id, String token, String body) {
        HttpResponse<String> response = server.post("/api/v1/servers/" + id + "/actions", token, body);
        assertThat(response.statusCode()).as(body + ": " + response.body()).isEqualTo(202);
        return Lab.json(response.body());
    }

    private static String logIn(String user, String password, String project) {
        HttpResponse<String> login = server.post("/api/v1/auth/tokens", null, """
                {"username": "%s", "password": "%s", "user_domain": "Default", "project": "%s", \
                "project_domain": "Default"}""".formatted(user, password, project));
        assertThat(login.statusCode()).as(login.body()).isEqualTo(201);
        return Lab.json(login.body()).path("token").asText();
    }

    private static String idOf(HttpResponse<String> list, String field, String name) {
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        for (JsonNode item : Lab.json(list.body()).path(field)) {
            if (item.path("name").asText().equals(name)) {
                return item.path("id").asText();
            }
        }
        throw new AssertionError("no " + name + " in " + list.body());
    }

    private static JsonNode awaitStatus(String id, String token, String goal) {
        long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
        JsonNode current = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> shown = server.get("/api/v1/servers/" + id, token);
            assertThat(shown.statusCode()).as(shown.body()).isEqualTo(200);
            current = Lab.json(shown.body());
            if (current.path("status").asText().equals(goal)) {
                return current;
            }
            assertThat(current.path("status").asText()).as(shown.body()).isNotEqualTo("ERROR");
            sleep();
        }
        throw new AssertionError("server " + id + " not " + goal + " within " + SETTLE_TIMEOUT + ": " + current);
    }

    private static void awaitGone(String id, String token) {
        long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (server.get("/api/v1/servers/" + id, token).statusCode() == 404) {
                return;
            }
            sleep();
        }
        throw new AssertionError("server " + id + " still there after " + SETTLE_TIMEOUT);
    }

    private static void sleep() {
        try {
            Thread.sleep(500); // as ReachLabIT: a status change is seen within half a second
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
