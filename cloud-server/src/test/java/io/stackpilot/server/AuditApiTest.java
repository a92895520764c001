package io.stackpilot.server;

import static io.stackpilot.server.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackpilot.core.audit.AuditEntry;
import io.stackpilot.core.common.Page;
import io.stackpilot.core.compute.BootRequest;
import io.stackpilot.core.compute.ComputeGateway;
import io.stackpilot.core.compute.ComputeLimits;
import io.stackpilot.core.compute.Flavor;
import io.stackpilot.core.compute.Server;
import io.stackpilot.core.compute.ServerId;
import io.stackpilot.core.compute.ServerQuery;
import io.stackpilot.core.compute.ServerUsage;
import io.stackpilot.core.identity.Session;
import io.stackpilot.core.testing.FakeCloud;
import io.stackpilot.core.testing.TestData;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuditApiTest {

    @Test
    void every_request_becomes_one_row_with_its_status_and_caller() {
        try (TestServer app = TestServer.start()) {
            String demo = app.token(TestData.demo());
            HttpResponse<String> ok = app.get("/api/v1/flavors?name=x&api_key=k1&X-Auth-Token=t2", demo);
            HttpResponse<String> unauthenticated = app.get("/api/v1/flavors", null);
            HttpResponse<String> unknown = app.get("/what/ever", null);
            HttpResponse<String> wrongMethod = app.send("PATCH", "/api/v1/flavors", demo, null, Map.of());
            app.cloud.failNext(() -> new IllegalStateException("boom"));
            HttpResponse<String> failed = app.get("/api/v1/images", demo);

            AuditEntry okRow = app.auditRowOf(ok);
            assertThat(okRow.status()).isEqualTo(200);
            assertThat(okRow.method()).isEqualTo("GET");
            assertThat(okRow.route()).isEqualTo("/api/v1/flavors");
            assertThat(okRow.path()).isEqualTo("/api/v1/flavors");
            assertThat(okRow.query()).isEqualTo("name=x");
            assertThat(okRow.userName()).isEqualTo("demo");
            assertThat(okRow.userId()).isEqualTo("demo-user-id");
            assertThat(okRow.projectId()).isEqualTo(TestData.DEMO.id());
            assertThat(okRow.projectName()).isEqualTo("demo");
            assertThat(okRow.clientAddress()).isEqualTo("127.0.0.1");
            assertThat(okRow.userAgent()).isNotBlank();
            assertThat(okRow.replicaId()).isEqualTo("test-replica");
            assertThat(okRow.at()).isEqualTo(app.clock.instant());
            assertThat(app.auditRowOf(unauthenticated).status()).isEqualTo(401);
            assertThat(app.auditRowOf(unauthenticated).userId()).isNull();
            assertThat(app.auditRowOf(unknown).status()).isEqualTo(404);
            assertThat(app.auditRowOf(unknown).route()).isNull();
            assertThat(app.auditRowOf(wrongMethod).status()).isEqualTo(405);
            assertThat(app.auditRowOf(failed).status()).isEqualTo(500);
            assertThat(app.auditRowsWhen(rows -> rows.size() >= 5)).hasSize(5)
                    .extracting(AuditEntry::requestId).doesNotHaveDuplicates();
        }
    }

    @Test
    void no_token_password_or_user_data_is_ever_stored() {
        try (TestServer app = TestServer.start()) {
            app.post("/api/v1/auth/tokens", null,
                    "{\"username\":\"demo\",\"password\":\"demo-pass-XYZ\",\"project\":\"demo\"}", Map.of());
            app.cloud.addUser("demo", "demo-pass-XYZ", TestData.demo());
            HttpResponse<String> login = app.post("/api/v1/auth/tokens", null,
                    "{\"username\":\"demo\",\"password\":\"demo-pass-XYZ\",\"project\":\"demo\"}", Map.of());
            String token = TestServer.json(login).get("token").asText();
            app.post("/api/v1/servers", token, ServerApiTest.BOOT, Map.of());
            app.get("/api/v1/servers?token=" + token + "&password=demo-pass-XYZ", token);
            app.send("GET", "/api/v1/flavors", null, null, Map.of("Authorization", "Bearer " + token));
            List<AuditEntry> rows = app.auditRowsWhen(r -> r.size() >= 5);
            assertThat(rows.toString()).doesNotContain(token).doesNotContain("demo-pass-XYZ")
                    .doesNotContain("#cloud-config").doesNotContain("secret");
            assertThat(rows).filteredOn(r -> "/api/v1/auth/tokens".equals(r.route()))
                    .extracting(AuditEntry::status).containsExactly(401, 201);
        }
    }

    @Test
    void records_the_openstack_request_ids_of_the_calls_a_request_caused() {
        FakeCloud cloud = FakeCloud.withLabContent(java.time.Clock.systemUTC());
        try (TestServer app = TestServer.withCompute(new TracingCompute(cloud))) {
            HttpResponse<String> response = app.get("/api/v1/flavors", app.token(TestData.demo()));
            assertThat(app.auditRowOf(response).upstreamRequestIds()).containsExactly("req-nova-flavors");
        }
    }

    @Test
    void admins_read_the_audit_log_with_filters_and_paging() {
        try (TestServer app = TestServer.start()) {
            String admin = app.token(TestData.admin());
            app.get("/nowhere", null);
            app.get("/healthz", null);
            app.get("/healthz", null);
            app.auditRowsWhen(rows -> rows.size() >= 3);
            JsonNode page = TestServer.json(app.get("/api/v1/audit?limit=2", admin));
            assertThat(page.get("entries")).hasSize(2);
            JsonNode entry = page.get("entries").get(0);
            assertThat(entry.fieldNames()).toIterable().containsExactly("id", "at", "request_id", "method", "route",
                    "path", "query", "status", "duration_ms", "user_id", "user_name", "project_id", "project_name",
                    "client_address", "user_agent", "replica_id", "upstream_request_ids");
            assertThat(page.get("next_marker").isNull()).isFalse();
            JsonNode notFound = TestServer.json(app.get("/api/v1/audit?status=404", admin));
            assertThat(notFound.get("entries")).extracting(e -> e.get("path").asText()).containsExactly("/nowhere");
        }
    }

    @Test
    void only_admins_may_read_the_audit_log() {
        try (TestServer app = TestServer.start()) {
            assertProblem(app.get("/api/v1/audit", app.token(TestData.demo())), 403, "forbidden");
            assertProblem(app.get("/api/v1/audit", null), 401, "unauthenticated");
            JsonNode problem = assertProblem(app.get("/api/v1/audit?since=yesterday&limit=5000",
                    app.token(TestData.admin())), 400, "invalid-request");
            assertThat(problem.get("errors")).extracting(e -> e.get("field").asText())
                    .containsExactlyInAnyOrder("since", "limit");
        }
    }

    /** A compute gateway that records an OpenStack request id in the session trace, like the adapter does. */
    private record TracingCompute(FakeCloud cloud) implements ComputeGateway {
        @Override
        public List<Flavor> listFlavors(Session session) {
            session.trace().record("req-nova-flavors");
            return cloud.listFlavors(session);
        }

        @Override public Page<Server> listServers(Session s, ServerQuery q) { return cloud.listServers(s, q); }
        @Override public Optional<Server> findServer(Session s, ServerId id) { return cloud.findServer(s, id); }
        @Override public Server boot(Session s, BootRequest r) { return cloud.boot(s, r); }
        @Override public void delete(Session s, ServerId id) { cloud.delete(s, id); }
        @Override public ComputeLimits limits(Session s) { return cloud.limits(s); }
        @Override public List<ServerUsage> usage(Session s, Instant a, Instant b) { return cloud.usage(s, a, b); }
    }
}
