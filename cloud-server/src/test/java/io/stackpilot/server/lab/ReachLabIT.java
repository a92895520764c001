package io.stackpilot.server.lab;

import static io.stackpilot.server.lab.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 22.2 against the lab through the daemon's HTTP API: demo makes a key pair and a security group allowing SSH,
 * boots a server with both, gives it a floating IP from the lab's external network {@code public}; alt-demo, and the
 * admin user with its admin role scoped to alt-demo, get 404 for each of the three; everything is released again.
 * Every object is named {@code reach-<random>} and removed in {@code finally}.
 */
@Tag("lab-parallel") // runs beside the others so tagged (cloud-server/pom.xml, lab profile)
@ExtendWith(SharedLabDaemon.class) // the daemon of this JVM's lab tests with demo and alt-demo allowed
class ReachLabIT {
    private static final Duration ACTIVE_TIMEOUT = Duration.ofSeconds(180);
    private static RealServer server;

    @BeforeAll
    static void start(RealServer shared) {
        server = shared;
    }

    @Test
    void a_server_with_key_and_ssh_group_gets_a_floating_ip_other_projects_see_none_and_all_is_released()
            throws Exception {
        String demo = logIn("demo", Lab.USER_PASSWORD, "demo");
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String keyName = "reach-" + suffix;
        String groupId = null;
        String serverId = null;
        String ipId = null;
        try {
            HttpResponse<String> key = server.send("POST", "/api/v1/key-pairs", demo, """
                    {"name": "%s"}""".formatted(keyName), Map.of("Content-Type", "application/json"));
            assertThat(key.statusCode()).as(key.body()).isEqualTo(201);
            assertThat(Lab.json(key.body()).path("private_key").asText()).contains("PRIVATE KEY");
            HttpResponse<String> group = server.send("POST", "/api/v1/security-groups", demo, """
                    {"name": "reach-%s", "rules": [{"protocol": "tcp", "port_range_min": 22, "port_range_max": 22,
                    "remote_ip_prefix": "0.0.0.0/0"}]}""".formatted(suffix), Map.of("Content-Type", "application/json"));
            assertThat(group.statusCode()).as(group.body()).isEqualTo(201);
            groupId = Lab.json(group.body()).path("id").asText();
            assertThat(group.body()).contains("\"port_range_min\":22");

            String flavor = idOf(server.get("/api/v1/flavors", demo), "flavors", "m1.tiny");
            String image = idOf(server.get("/api/v1/images", demo), "images", "cirros-0.6-lab");
            String network = idOf(server.get("/api/v1/networks", demo), "networks", "private");
            HttpResponse<String> booted = server.send("POST", "/api/v1/servers", demo, """
                    {"name": "reach-%s", "flavor_id": "%s", "image_id": "%s", "network_ids": ["%s"],
                    "key_name": "%s", "security_groups": ["%s"]}"""
                    .formatted(suffix, flavor, image, network, keyName, groupId),
                    Map.of("Content-Type", "application/json"));
            assertThat(booted.statusCode()).as(booted.body()).isEqualTo(202);
            serverId = Lab.json(booted.body()).path("id").asText();
            awaitStatus(serverId, demo, "ACTIVE");
            Lab.Login nova = Lab.login("demo", Lab.USER_PASSWORD, "demo", "Default");
            JsonNode inNova = Lab.get(nova.endpoint("compute") + "/servers/" + serverId, nova.token()).path("server");
            assertThat(inNova.path("key_name").asText()).isEqualTo(keyName);

            HttpResponse<String> ip = server.send("POST", "/api/v1/floating-ips", demo, """
                    {"server_id": "%s"}""".formatted(serverId), Map.of("Content-Type", "application/json"));
            assertThat(ip.statusCode()).as(ip.body()).isEqualTo(201);
            JsonNode floating = Lab.json(ip.body());
            ipId = floating.path("id").asText();
            assertThat(floating.path("server_id").asText()).isEqualTo(serverId);
            assertThat(floating.path("ip").asText()).startsWith("203.0.113.");

            String altDemo = logIn("alt-demo", Lab.USER_PASSWORD, "alt-demo");
            String adminInAltDemo = logIn("admin", Lab.ADMIN_PASSWORD, "alt-demo");
            for (String other : new String[] {altDemo, adminInAltDemo}) {
                assertProblem(server.get("/api/v1/floating-ips/" + ipId, other), 404, "not-found");
                assertProblem(server.delete("/api/v1/floating-ips/" + ipId + "/association", other), 404, "not-found");
                assertProblem(server.delete("/api/v1/floating-ips/" + ipId, other), 404, "not-found");
                assertProblem(server.get("/api/v1/security-groups/" + groupId, other), 404, "not-found");
                assertProblem(server.delete("/api/v1/security-groups/" + groupId, other), 404, "not-found");
                assertProblem(server.get("/api/v1/key-pairs/" + keyName, other), 404, "not-found");
                assertProblem(server.delete("/api/v1/key-pairs/" + keyName, other), 404, "not-found");
                assertThat(server.get("/api/v1/floating-ips", other).body()).doesNotContain(ipId);
                assertThat(server.get("/api/v1/security-groups", other).body()).doesNotContain(groupId);
                assertThat(server.get("/api/v1/key-pairs", other).body()).doesNotContain(keyName);
            }
            assertThat(server.get("/api/v1/floating-ips/" + ipId, demo).statusCode()).isEqualTo(200);

            JsonNode free = Lab.json(server.delete("/api/v1/floating-ips/" + ipId + "/association", demo).body());
            assertThat(free.path("server_id").isNull()).as(free.toString()).isTrue();
            assertThat(server.delete("/api/v1/floating-ips/" + ipId, demo).statusCode()).isEqualTo(204);
            ipId = null;
            assertThat(server.delete("/api/v1/servers/" + serverId, demo).statusCode()).isEqualTo(202);
            awaitGone(serverId, demo);
            serverId = null;
            assertThat(server.delete("/api/v1/security-groups/" + groupId, demo).statusCode()).isEqualTo(204);
            groupId = null;
            assertThat(server.delete("/api/v1/key-pairs/" + keyName, demo).statusCode()).isEqualTo(204);
            assertThat(server.get("/api/v1/key-pairs/" + keyName, demo).statusCode()).isEqualTo(404);
        } finally {
            cleanUp(demo, ipId, serverId, groupId, keyName);
        }
    }

    private static void cleanUp(String token, String ipId, String serverId, String groupId, String keyName)
            throws InterruptedException {
        if (ipId != null) {
            server.delete("/api/v1/floating-ips/" + ipId, token);
        }
        if (serverId != null) {
            server.delete("/api/v1/servers/" + serverId, token);
            awaitGone(serverId, token);
        }
        if (groupId != null) {
            server.delete("/api/v1/security-groups/" + groupId, token);
        }
        server.delete("/api/v1/key-pairs/" + keyName, token);
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

    private static void awaitStatus(String id, String token, String status) throws InterruptedException {
        long deadline = System.nanoTime() + ACTIVE_TIMEOUT.toNanos();
        String seen = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> shown = server.get("/api/v1/servers/" + id, token);
            seen = shown.statusCode() == 200 ? Lab.json(shown.body()).path("status").asText() : shown.body();
            if (status.equals(seen)) {
                return;
            }
            assertThat(seen).as("server %s", id).isNotEqualTo("ERROR");
            Thread.sleep(500);
        }
        throw new AssertionError("server " + id + " not " + status + " in " + ACTIVE_TIMEOUT + "; last: " + seen);
    }

    private static void awaitGone(String id, String token) throws InterruptedException {
        long deadline = System.nanoTime() + ACTIVE_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (server.get("/api/v1/servers/" + id, token).statusCode() == 404) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("server " + id + " still there after " + ACTIVE_TIMEOUT);
    }
}
