package io.stackpilot.server.lab;

import static io.stackpilot.server.lab.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 22's whole journey through the daemon's API against the lab, with the floating IP asked for at launch
 * ({@code "floating_ip": true}) and given by the engine: demo makes a key pair and a security group allowing SSH,
 * launches a server with both and a floating IP, sees the address among the server's addresses (type floating) and
 * the {@code associate-floating-ip} operation succeeded; the server is stopped (SHUTOFF), started, rebooted,
 * resized and confirmed, its console log read; alt-demo and an admin-role token of alt-demo get 404 for the server,
 * the operation and the address; the delete releases the address: the project holds no floating IP marked for the
 * server afterwards. Objects are named {@code fip-<random>} and removed in {@code finally}.
 */
@Tag("lab-parallel") // runs beside the others so tagged (cloud-server/pom.xml, lab profile)
@ExtendWith(SharedLabDaemon.class) // the daemon of this JVM's lab tests with demo and alt-demo allowed
class FloatingIpAtLaunchLabIT {
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(240);
    private static RealServer server;

    @BeforeAll
    static void start(RealServer shared) {
        server = shared;
    }

    @Test
    void a_server_launched_with_floating_ip_gets_one_from_the_engine_goes_through_day_two_and_its_delete_releases_it() {
        String demo = logIn("demo", Lab.USER_PASSWORD, "demo");
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String keyName = "fip-" + suffix;
        String groupId = null;
        String serverId = null;
        try {
            HttpResponse<String> key = server.post("/api/v1/key-pairs", demo, "{\"name\": \"" + keyName + "\"}");
            assertThat(key.statusCode()).as(key.body()).isEqualTo(201);
            HttpResponse<String> group = server.post("/api/v1/security-groups", demo, """
                    {"name": "fip-%s", "rules": [{"protocol": "tcp", "port_range_min": 22, "port_range_max": 22,
                    "remote_ip_prefix": "0.0.0.0/0"}]}""".formatted(suffix));
            assertThat(group.statusCode()).as(group.body()).isEqualTo(201);
            groupId = Lab.json(group.body()).path("id").asText();

            String flavor = idOf(server.get("/api/v1/flavors", demo), "flavors", "m1.tiny");
            String image = idOf(server.get("/api/v1/images", demo), "images", "cirros-0.6-lab");
            String network = idOf(server.get("/api/v1/networks", demo), "networks", "private");
            assertProblem(server.post("/api/v1/servers", demo, """
                    {"name": "fip-%s", "flavor_id": "%s", "image_id": "%s", "network_ids": ["%s"],
                    "floating_ip": {"network": "%s"}}""".formatted(suffix, flavor, image, network, network)),
                    400, "invalid-request");
            HttpResponse<String> launched = server.post("/api/v1/servers", demo, """
                    {"name": "fip-%s", "flavor_id": "%s", "image_id": "%s", "network_ids": ["%s"],
                    "key_name": "%s", "security_groups": ["%s"], "floating_ip": true}"""
                    .formatted(suffix, flavor, image, network, keyName, groupId));
            assertThat(launched.statusCode()).as(launched.body()).isEqualTo(202);
            JsonNode answer = Lab.json(launched.body());
            serverId = answer.path("id").asText();
            String operationId = answer.path("floating_ip").path("operation_id").asText();
            assertThat(answer.path("floating_ip").path("state").asText()).isIn("queued", "running");

            JsonNode floating = awaitFloatingAddress(serverId, demo);
            assertThat(floating.path("ip").asText()).startsWith("203.0.113.");
            JsonNode operation = Lab.json(server.get("/api/v1/operations/" + operationId, demo).body());
            assertThat(operation.path("kind").asText()).isEqualTo("associate-floating-ip");
            assertThat(operation.path("state").asText()).as(operation.toString()).isEqualTo("succeeded");
            assertThat(operation.path("target").asText()).isEqualTo(serverId);
            JsonNode ipsOfDemo = Lab.json(server.get("/api/v1/floating-ips", demo).body()).path("floating_ips");
            String ipId = null;
            for (JsonNode ip : ipsOfDemo) {
                if (serverId.equals(ip.path("server_id").asText())) {
                    ipId = ip.path("id").asText();
                }
            }
            assertThat(ipId).as(ipsOfDemo.toString()).isNotNull();

            accepted(serverId, demo, "{\"action\": \"stop\"}");
            awaitStatus(serverId, demo, "SHUTOFF");
            accepted(serverId, demo, "{\"action\": \"start\"}");
            awaitStatus(serverId, demo, "ACTIVE");
            accepted(serverId, demo, "{\"action\": \"reboot\"}");
            awaitStatus(serverId, demo, "ACTIVE");
            accepted(serverId, demo, "{\"action\": \"resize\", \"flavor\": \"m1.small\"}");
            awaitStatus(serverId, demo, "VERIFY_RESIZE");
            accepted(serverId, demo, "{\"action\": \"confirm_resize\"}");
            awaitStatus(serverId, demo, "ACTIVE");
            HttpResponse<String> log = server.get("/api/v1/servers/" + serverId + "/console-log?lines=10", demo);
            assertThat(log.statusCode()).as(log.body()).isEqualTo(200);

            String altDemo = logIn("alt-demo", Lab.USER_PASSWORD, "alt-demo");
            String adminInAltDemo = logIn("admin", Lab.ADMIN_PASSWORD, "alt-demo");
            for (String other : new String[] {altDemo, adminInAltDemo}) {
                assertProblem(server.get("/api/v1/servers/" + serverId, other), 404, "not-found");
                assertProblem(server.delete("/api/v1/servers/" + serverId, other), 404, "not-found");
                assertProblem(server.get("/api/v1/operations/" + operationId, other), 404, "not-found");
                assertProblem(server.get("/api/v1/floating-ips/" + ipId, other), 404, "not-found");
            }

            assertThat(server.delete("/api/v1/servers/" + serverId, demo).statusCode()).isEqualTo(202);
            awaitGone(serverId, demo);
            String gone = serverId;
            serverId = null;
            assertProblem(server.get("/api/v1/floating-ips/" + ipId, demo), 404, "not-found");
            // Neutron itself, not only the API's view: no address of the project is left marked for the server.
            Lab.Login neutron = Lab.login("demo", Lab.USER_PASSWORD, "demo", "Default");
            JsonNode left = Lab.get(neutron.endpoint("network") + "/v2.0/floatingips", neutron.token());
            assertThat(left.toString()).doesNotContain(gone).doesNotContain(ipId);
        } finally {
            cleanUp(demo, serverId, groupId, keyName);
        }
    }

    private static JsonNode awaitFloatingAddress(String id, String token) {
        long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
        JsonNode current = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> shown = server.get("/api/v1/servers/" + id, token);
            assertThat(shown.statusCode()).as(shown.body()).isEqualTo(200);
            current = Lab.json(shown.body());
            for (JsonNode address : current.path("addresses")) {
                if ("floating".equals(address.path("type").asText())) {
                    return address;
                }
            }
            assertThat(current.path("status").asText()).as(shown.body()).isNotEqualTo("ERROR");
            assertThat(current.path("floating_ip").path("state").asText()).as(shown.body()).isNotIn("failed",
                    "cancelled");
            sleep();
        }
        throw new AssertionError("server " + id + " has no floating address within " + SETTLE_TIMEOUT + ": "
                + current);
    }

    private static void cleanUp(String token, String serverId, String groupId, String keyName) {
        if (serverId != null) {
            server.delete("/api/v1/servers/" + serverId, token);
            awaitGone(serverId, token);
        }
        if (groupId != null) {
            server.delete("/api/v1/security-groups/" + groupId, token);
        }
        server.delete("/api/v1/key-pairs/" + keyName, token);
    }

    private static void accepted(String id, String token, String body) {
        HttpResponse<String> response = server.post("/api/v1/servers/" + id + "/actions", token, body);
        assertThat(response.statusCode()).as(body + ": " + response.body()).isEqualTo(202);
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

    private static void awaitStatus(String id, String token, String goal) {
        long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
        String seen = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> shown = server.get("/api/v1/servers/" + id, token);
            assertThat(shown.statusCode()).as(shown.body()).isEqualTo(200);
            seen = Lab.json(shown.body()).path("status").asText();
            if (goal.equals(seen)) {
                return;
            }
            assertThat(seen).as(shown.body()).isNotEqualTo("ERROR");
            sleep();
        }
        throw new AssertionError("server " + id + " not " + goal + " within " + SETTLE_TIMEOUT + "; last: " + seen);
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
