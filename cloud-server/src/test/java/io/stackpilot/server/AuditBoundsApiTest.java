package io.stackpilot.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackpilot.core.audit.AuditEntry;
import io.stackpilot.core.audit.AuditLogRepository;
import io.stackpilot.core.audit.AuditQuery;
import io.stackpilot.core.common.Page;
import io.stackpilot.core.testing.InMemoryAuditLogRepository;
import io.stackpilot.server.audit.AuditRecorder;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What anonymous callers send is stored within bounds, and a full audit queue shows in readiness and metrics. */
class AuditBoundsApiTest {

    @Test
    void anonymous_requests_are_stored_with_path_query_and_user_agent_cut_to_the_documented_limits() {
        try (TestServer app = TestServer.start()) {
            HttpResponse<String> unauthenticated = app.send("GET", "/api/v1/flavors?q=" + "a".repeat(5000), null,
                    null, Map.of("User-Agent", "agent-" + "b".repeat(1000)));
            HttpResponse<String> unknown = app.get("/" + "c".repeat(3000) + "?x=" + "d".repeat(3000), null);

            assertThat(unauthenticated.statusCode()).isEqualTo(401);
            assertThat(unknown.statusCode()).isEqualTo(404);
            AuditEntry first = app.auditRowOf(unauthenticated);
            assertThat(first.query()).hasSize(AuditRecorder.MAX_QUERY).startsWith("q=aaa");
            assertThat(first.userAgent()).hasSize(AuditRecorder.MAX_USER_AGENT).startsWith("agent-");
            AuditEntry second = app.auditRowOf(unknown);
            assertThat(second.path()).hasSize(AuditRecorder.MAX_PATH);
            assertThat(second.query()).hasSize(AuditRecorder.MAX_QUERY);
        }
    }

    @Test
    void dropped_rows_make_readyz_unavailable_with_the_reason_and_are_counted_in_the_metrics() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        InMemoryAuditLogRepository stored = new InMemoryAuditLogRepository();
        AuditLogRepository stuck = new AuditLogRepository() {
            @Override
            public void appendAll(List<AuditEntry> entries) {
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                stored.appendAll(entries);
            }

            @Override
            public Page<AuditEntry> find(AuditQuery query) {
                return stored.find(query);
            }

            @Override
            public int deleteOlderThan(java.time.Instant cutoff, int maxEntries) {
                return stored.deleteOlderThan(cutoff, maxEntries);
            }
        };
        try (TestServer app = TestServer.withAuditLog(stuck, Map.of("STACKPILOT_AUDIT_QUEUE_CAPACITY", "1"))) {
            try {
                assertThat(app.get("/readyz", null).statusCode()).isEqualTo(200);
                while (app.server.auditWriter().dropped() == 0) {
                    app.get("/healthz", null);
                }
                HttpResponse<String> readiness = app.get("/readyz", null);

                assertThat(readiness.statusCode()).isEqualTo(503);
                JsonNode body = TestServer.json(readiness);
                assertThat(body.path("status").asText()).isEqualTo("unavailable");
                assertThat(body.path("checks").path("audit_queue").asText()).isEqualTo("failing");
                assertThat(body.path("reasons").path("audit_queue").asText()).contains("dropped");
                assertThat(Scrape.of(app.get("/metrics", null).body()).value("stackpilot_audit_dropped_total"))
                        .hasValueSatisfying(dropped -> assertThat(dropped).isPositive());
            } finally {
                release.countDown();
            }
        }
    }
}
