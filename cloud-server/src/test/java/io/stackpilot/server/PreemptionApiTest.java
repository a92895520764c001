package io.stackpilot.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackpilot.core.audit.AuditEntry;
import io.stackpilot.core.testing.TestData;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PreemptionApiTest {
    private final TestServer app = TestServer.start();
    private final String demo = app.token(TestData.demo());

    @AfterEach
    void stop() {
        app.close();
    }

    private HttpResponse<String> create(String name, boolean preemptible) {
        app.clock.advance(java.time.Duration.ofMinutes(1));
        return app.post("/api/v1/servers", demo, """
                {"name":"%s","flavor_id":"1","image_id":"%s","network_ids":["%s"],"preemptible":%s}""".formatted(
                name, TestData.CIRROS_IMAGE_ID, TestData.PRIVATE_NETWORK_ID, preemptible), Map.of());
    }

    @Test
    void a_standard_create_over_quota_evicts_the_younger_preemptible_server_lists_audits_and_counts_it() {
        app.cloud.setInstanceQuota(TestData.DEMO.id(), 2);
        create("old-spot", true);
        String young = TestServer.json(create("young-spot", true)).get("id").asText();

        HttpResponse<String> standard = create("standard", false);

        assertThat(standard.statusCode()).isEqualTo(202);
        String standardId = TestServer.json(standard).get("id").asText();
        JsonNode preemptions = TestServer.json(app.get("/api/v1/preemptions", demo)).get("preemptions");
        assertThat(preemptions).hasSize(1);
        assertThat(preemptions.get(0).get("server_id").asText()).isEqualTo(young);
        assertThat(preemptions.get(0).get("name").asText()).isEqualTo("young-spot");
        assertThat(preemptions.get(0).get("preempted_by").asText()).isEqualTo(standardId);
        assertThat(preemptions.get(0).get("reason").asText()).isEqualTo("quota");
        List<AuditEntry> rows = app.auditRowsWhen(all -> all.stream().anyMatch(r -> "preempt".equals(r.route())));
        assertThat(rows).filteredOn(r -> "preempt".equals(r.route())).singleElement().satisfies(row -> {
            assertThat(row.method()).isEqualTo("ENGINE");
            assertThat(row.path()).contains(young).contains(standardId);
            assertThat(row.projectId()).isEqualTo(TestData.DEMO.id());
        });
        assertThat(app.get("/metrics", null).body()).contains("stackpilot_preemptions_total{reason=\"quota\"} 1.0");
        JsonNode operations = TestServer.json(app.get("/api/v1/operations", demo)).get("operations");
        assertThat(operations).anySatisfy(op -> assertThat(op.get("kind").asText()).isEqualTo("preempt"));
    }

    @Test
    void the_server_list_filters_preemptible_and_standard_servers() {
        create("spot", true);
        create("standard", false);

        JsonNode spot = TestServer.json(app.get("/api/v1/servers?preemptible=true", demo)).get("servers");
        JsonNode standard = TestServer.json(app.get("/api/v1/servers?preemptible=false", demo)).get("servers");

        assertThat(spot).extracting(s -> s.get("name").asText()).containsExactly("spot");
        assertThat(standard).extracting(s -> s.get("name").asText()).containsExactly("standard");
        assertThat(app.get("/api/v1/servers?preemptible=maybe", demo).statusCode()).isEqualTo(400);
    }

    @Test
    void without_enough_preemptible_servers_nothing_is_evicted_and_the_problem_says_so() {
        app.cloud.setInstanceQuota(TestData.DEMO.id(), 1);
        create("standard-1", false);

        HttpResponse<String> refused = create("standard-2", false);

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("quota-exceeded").contains("nothing was evicted");
        assertThat(TestServer.json(app.get("/api/v1/preemptions", demo)).get("preemptions")).isEmpty();
    }

    @Test
    void no_host_room_evicts_a_preemptible_server_of_another_project_and_the_standard_create_succeeds() {
        app.cloud.setHostVcpus(2);
        String alt = app.token(TestData.altDemo());
        app.post("/api/v1/servers", alt, """
                {"name":"alt-spot","flavor_id":"3","image_id":"%s","network_ids":["%s"],"preemptible":true}"""
                .formatted(TestData.CIRROS_IMAGE_ID, TestData.PRIVATE_NETWORK_ID), Map.of());

        HttpResponse<String> standard = create("standard", false);

        assertThat(standard.statusCode()).isEqualTo(202);
        assertThat(TestServer.json(standard).get("status").asText()).isEqualTo("ACTIVE");
        assertThat(TestServer.json(app.get("/api/v1/preemptions", alt)).get("preemptions").get(0).get("reason")
                .asText()).isEqualTo("capacity");
        assertThat(TestServer.json(app.get("/api/v1/preemptions", demo)).get("preemptions")).isEmpty();
    }
}
