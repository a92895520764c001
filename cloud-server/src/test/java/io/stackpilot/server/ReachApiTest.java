package io.stackpilot.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackpilot.core.audit.AuditEntry;
import io.stackpilot.core.testing.TestData;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReachApiTest {
    private final TestServer app = TestServer.start();
    private final String demo = app.token(TestData.demo());
    private final String altDemo = app.token(TestData.altDemo());
    private final String adminInAltDemo = app.token(TestData.adminIn(TestData.ALT_DEMO));

    @AfterEach
    void stop() {
        app.close();
    }

    private HttpResponse<String> send(String method, String path, String token, String body) {
        return app.send(method, path, token, body, body == null ? Map.of() : Map.of("Content-Type",
                "application/json"));
    }

    private String bootServer(String extra) {
        HttpResponse<String> booted = send("POST", "/api/v1/servers", demo, "{\"name\":\"web\",\"flavor_id\":\"1\","
                + "\"image_id\":\"" + TestData.CIRROS_IMAGE_ID + "\",\"network_ids\":[\""
                + TestData.PRIVATE_NETWORK_ID + "\"]" + extra + "}");
        assertThat(booted.statusCode()).as(booted.body()).isEqualTo(202);
        return TestServer.json(booted).get("id").asText();
    }

    @Test
    void a_server_with_a_key_pair_and_an_ssh_group_gets_a_floating_ip_and_everything_is_released() {
        HttpResponse<String> key = send("POST", "/api/v1/key-pairs", demo, "{\"name\":\"laptop\"}");
        assertThat(key.statusCode()).isEqualTo(201);
        assertThat(key.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(TestServer.json(key).get("private_key").asText()).contains("PRIVATE KEY");
        HttpResponse<String> group = send("POST", "/api/v1/security-groups", demo, "{\"name\":\"ssh\",\"rules\":[{"
                + "\"protocol\":\"tcp\",\"port_range_min\":22,\"port_range_max\":22,\"remote_ip_prefix\":\"0.0.0.0/0\"}]}");
        assertThat(group.statusCode()).as(group.body()).isEqualTo(201);
        String groupId = TestServer.json(group).get("id").asText();
        assertThat(TestServer.json(group).get("rules")).anySatisfy(rule -> {
            assertThat(rule.get("direction").asText()).isEqualTo("ingress");
            assertThat(rule.get("port_range_min").asInt()).isEqualTo(22);
        });
        String serverId = bootServer(",\"key_name\":\"laptop\",\"security_groups\":[\"ssh\"]");

        HttpResponse<String> ip = send("POST", "/api/v1/floating-ips", demo, "{\"server_id\":\"" + serverId + "\"}");

        assertThat(ip.statusCode()).as(ip.body()).isEqualTo(201);
        JsonNode floating = TestServer.json(ip);
        assertThat(floating.get("server_id").asText()).isEqualTo(serverId);
        String ipId = floating.get("id").asText();
        assertThat(TestServer.json(send("GET", "/api/v1/floating-ips", demo, null)).get("floating_ips")).hasSize(1);
        HttpResponse<String> detached = send("DELETE", "/api/v1/floating-ips/" + ipId + "/association", demo, null);
        assertThat(TestServer.json(detached).get("server_id").isNull()).isTrue();
        HttpResponse<String> attached = send("PUT", "/api/v1/floating-ips/" + ipId + "/association", demo,
                "{\"server_id\":\"" + serverId + "\"}");
        assertThat(TestServer.json(attached).get("server_id").asText()).isEqualTo(serverId);
        assertThat(send("DELETE", "/api/v1/floating-ips/" + ipId, demo, null).statusCode()).isEqualTo(204);
        assertThat(send("DELETE", "/api/v1/servers/" + serverId, demo, null).statusCode()).isEqualTo(202);
        assertThat(send("DELETE", "/api/v1/security-groups/" + groupId, demo, null).statusCode()).isEqualTo(204);
        assertThat(send("DELETE", "/api/v1/key-pairs/laptop", demo, null).statusCode()).isEqualTo(204);
        assertThat(app.reach.allFloatingIps()).isEmpty();
        assertThat(TestServer.json(send("GET", "/api/v1/key-pairs", demo, null)).get("key_pairs")).isEmpty();
    }

    @Test
    void another_project_gets_404_for_the_floating_ip_group_and_key_pair_also_with_an_admin_role_token() {
        send("POST", "/api/v1/key-pairs", demo, "{\"name\":\"laptop\"}");
        String groupId = TestServer.json(send("POST", "/api/v1/security-groups", demo, "{\"name\":\"ssh\"}"))
                .get("id").asText();
        String ipId = TestServer.json(send("POST", "/api/v1/floating-ips", demo, "{}")).get("id").asText();
        String altServer = TestServer.json(send("POST", "/api/v1/servers", altDemo, "{\"name\":\"alt\","
                + "\"flavor_id\":\"1\",\"image_id\":\"" + TestData.CIRROS_IMAGE_ID + "\",\"network_ids\":[\""
                + TestData.PRIVATE_NETWORK_ID + "\"]}")).get("id").asText();
        for (String other : List.of(altDemo, adminInAltDemo)) {
            List<HttpResponse<String>> answers = new ArrayList<>(List.of(
                    send("GET", "/api/v1/floating-ips/" + ipId, other, null),
                    send("PUT", "/api/v1/floating-ips/" + ipId + "/association", other,
                            "{\"server_id\":\"" + altServer + "\"}"),
                    send("DELETE", "/api/v1/floating-ips/" + ipId + "/association", other, null),
                    send("DELETE", "/api/v1/floating-ips/" + ipId, other, null),
                    send("GET", "/api/v1/security-groups/" + groupId, other, null),
                    send("POST", "/api/v1/security-groups/" + groupId + "/rules", other, "{\"protocol\":\"icmp\"}"),
                    send("DELETE", "/api/v1/security-groups/" + groupId, other, null),
                    send("GET", "/api/v1/key-pairs/laptop", other, null),
                    send("DELETE", "/api/v1/key-pairs/laptop", other, null)));
            assertThat(answers).allSatisfy(answer -> {
                assertThat(answer.statusCode()).as(answer.request().method() + " " + answer.uri()).isEqualTo(404);
                assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                        .startsWith("application/problem+json"));
            });
            assertThat(TestServer.json(send("GET", "/api/v1/floating-ips", other, null)).get("floating_ips")).isEmpty();
            assertThat(TestServer.json(send("GET", "/api/v1/security-groups", other, null)).get("security_groups"))
                    .isEmpty();
            assertThat(TestServer.json(send("GET", "/api/v1/key-pairs", other, null)).get("key_pairs")).isEmpty();
        }
        assertThat(send("GET", "/api/v1/floating-ips/" + ipId, demo, null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/api/v1/security-groups/" + groupId, demo, null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/api/v1/key-pairs/laptop", demo, null).statusCode()).isEqualTo(200);
    }

    @Test
    void bad_input_is_400_listing_every_problem_and_creates_nothing() {
        HttpResponse<String> group = send("POST", "/api/v1/security-groups", demo, "{\"name\":\"\",\"rules\":[{"
                + "\"direction\":\"sideways\",\"port_range_min\":22},{\"remote_ip_prefix\":\"everywhere\","
                + "\"colour\":\"red\"}]}");
        HttpResponse<String> key = send("POST", "/api/v1/key-pairs", demo, "{\"name\":\"a/b\",\"public_key\":\"nope\"}");
        HttpResponse<String> boot = send("POST", "/api/v1/servers", demo, "{\"name\":\"web\",\"flavor_id\":\"1\","
                + "\"image_id\":\"" + TestData.CIRROS_IMAGE_ID + "\",\"network_ids\":[\"" + TestData.PRIVATE_NETWORK_ID
                + "\"],\"key_name\":\"nobodys\",\"security_groups\":[\"nothing\"]}");

        assertThat(group.statusCode()).isEqualTo(400);
        assertThat(fields(group)).containsExactlyInAnyOrder("name", "rules[0].direction", "rules[0].port_range_min",
                "rules[1].colour", "rules[1].remote_ip_prefix");
        assertThat(key.statusCode()).isEqualTo(400);
        assertThat(fields(key)).containsExactlyInAnyOrder("name", "public_key");
        assertThat(boot.statusCode()).isEqualTo(400);
        assertThat(fields(boot)).containsExactlyInAnyOrder("key_name", "security_groups");
        assertThat(TestServer.json(send("GET", "/api/v1/security-groups", demo, null)).get("security_groups")).isEmpty();
        assertThat(app.cloud.allServers()).isEmpty();
    }

    @Test
    void a_generated_private_key_is_in_no_audit_row() {
        String privateKey = TestServer.json(send("POST", "/api/v1/key-pairs", demo, "{\"name\":\"laptop\"}"))
                .get("private_key").asText();
        app.auditRowsWhen(rows -> rows.stream().anyMatch(row -> row.toString().contains("key-pairs")));
        assertThat(app.auditLog.all()).isNotEmpty().extracting(AuditEntry::toString)
                .noneMatch(row -> row.contains(privateKey) || row.contains("PRIVATE KEY"));
    }

    private static List<String> fields(HttpResponse<String> problem) {
        List<String> fields = new ArrayList<>();
        TestServer.json(problem).get("errors").forEach(error -> fields.add(error.get("field").asText()));
        return fields;
    }

    @Test
    void a_launch_with_floating_ip_is_given_one_by_the_engine_shown_on_the_server_and_released_by_its_delete() {
        String serverId = bootServer(",\"floating_ip\":true");
        JsonNode launched = TestServer.json(send("GET", "/api/v1/servers/" + serverId, demo, null));
        assertThat(launched.get("floating_ip").get("state").asText()).isEqualTo("queued");
        assertThat(app.reach.allFloatingIps()).isEmpty();
        assertProblemStatus(send("GET", "/api/v1/servers/" + serverId, altDemo, null), 404);

        app.wiring.engineLoop().runUntilIdle();

        JsonNode shown = TestServer.json(send("GET", "/api/v1/servers/" + serverId, demo, null));
        assertThat(shown.get("floating_ip").get("state").asText()).isEqualTo("succeeded");
        JsonNode operations = TestServer.json(send("GET", "/api/v1/operations?target=" + serverId, demo, null));
        assertThat(operations.get("operations")).singleElement().satisfies(operation -> {
            assertThat(operation.get("kind").asText()).isEqualTo("associate-floating-ip");
            assertThat(operation.get("state").asText()).isEqualTo("succeeded");
        });
        assertThat(app.reach.allFloatingIps()).singleElement()
                .satisfies(ip -> assertThat(ip.serverId()).isEqualTo(serverId));
        assertThat(TestServer.json(send("GET", "/api/v1/servers", demo, null)).get("servers").get(0)
                .has("floating_ip")).as("not on list entries").isFalse();

        assertThat(send("DELETE", "/api/v1/servers/" + serverId, demo, null).statusCode()).isEqualTo(202);
        assertThat(app.reach.allFloatingIps()).isEmpty();
    }

    @Test
    void a_floating_ip_that_cannot_be_had_fails_visibly_and_a_bad_choice_is_refused_before_the_boot() {
        HttpResponse<String> internal = send("POST", "/api/v1/servers", demo, "{\"name\":\"web\",\"flavor_id\":\"1\","
                + "\"image_id\":\"" + TestData.CIRROS_IMAGE_ID + "\",\"network_ids\":[\"" + TestData.PRIVATE_NETWORK_ID
                + "\"],\"floating_ip\":{\"network\":\"" + TestData.PRIVATE_NETWORK_ID + "\"}}");
        HttpResponse<String> odd = send("POST", "/api/v1/servers", demo, "{\"name\":\"web\",\"flavor_id\":\"1\","
                + "\"image_id\":\"" + TestData.CIRROS_IMAGE_ID + "\",\"network_ids\":[\"" + TestData.PRIVATE_NETWORK_ID
                + "\"],\"floating_ip\":\"yes\"}");
        assertThat(internal.statusCode()).as(internal.body()).isEqualTo(400);
        assertThat(fields(internal)).containsExactly("floating_ip.network");
        assertThat(odd.statusCode()).as(odd.body()).isEqualTo(400);
        assertThat(fields(odd)).containsExactly("floating_ip");
        assertThat(app.cloud.allServers()).isEmpty();

        app.reach.setFloatingIpQuota(TestData.demo().project().id(), 0);
        String serverId = bootServer(",\"floating_ip\":{\"network\":\"" + TestData.PUBLIC_NETWORK_ID + "\"}");
        app.wiring.engineLoop().runUntilIdle();

        JsonNode shown = TestServer.json(send("GET", "/api/v1/servers/" + serverId, demo, null));
        assertThat(shown.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(shown.get("floating_ip").get("state").asText()).isEqualTo("failed");
        assertThat(shown.get("floating_ip").get("error").asText()).contains("Quota exceeded");
    }

    private static void assertProblemStatus(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
    }
}
