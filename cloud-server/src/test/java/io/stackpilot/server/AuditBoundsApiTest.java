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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What anonymous callers send is stored within bounds; a full audit queue refuses new requests (503, Retry-After),
 * shows in readiness and metrics, and never loses the row of a request it admitted.
 */
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
    void a_full_audit_queue_refuses_new_requests_with_503_and_retry_after_and_keeps_every_admitted_row()
            throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        InMemoryAuditLogRepository stored = new InMemoryAuditLogRepository();
        try (TestServer app = TestServer.withAuditLog(slowed(stored, release, Duration.ZERO),
                Map.of("STACKPILOT_AUDIT_QUEUE_CAPACITY", "1"))) {
            List<HttpResponse<String>> admitted = new ArrayList<>();
            HttpResponse<String> refused;
            try {
                admitted.add(app.get("/readyz", null));
                assertThat(admitted.get(0).statusCode()).isEqualTo(200);
                // Its row is the writer's batch in hand, stuck: the queue is at its mark of one row.
                while (app.server.auditWriter().depth() == 0) {
                    Thread.sleep(5);
                }
                refused = app.get("/api/v1/flavors", null);
                admitted.add(app.get("/readyz", null));
                admitted.add(app.get("/metrics", null));

                assertThat(refused.statusCode()).isEqualTo(503);
                assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
                assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
                assertThat(TestServer.json(refused).path("type").asText()).isEqualTo("/problems/overloaded");
                JsonNode readiness = TestServer.json(admitted.get(1));
                assertThat(admitted.get(1).statusCode()).as("probes are always admitted").isEqualTo(503);
                assertThat(readiness.path("status").asText()).isEqualTo("unavailable");
                assertThat(readiness.path("checks").path("audit_queue").asText()).isEqualTo("failing");
                assertThat(readiness.path("reasons").path("audit_queue").asText()).contains("high-water mark");
                Scrape metrics = Scrape.of(admitted.get(2).body());
                assertThat(metrics.value("stackpilot_audit_rejected_total")).contains(1.0);
                assertThat(metrics.value("stackpilot_audit_dropped_total")).contains(0.0);
            } finally {
                release.countDown();
            }
            Set<String> admittedIds = admitted.stream()
                    .map(response -> response.headers().firstValue("X-Request-Id").orElseThrow())
                    .collect(Collectors.toSet());
            String refusedId = refused.headers().firstValue("X-Request-Id").orElseThrow();
            awaitStored(stored, admittedIds);
            assertThat(stored.all()).extracting(AuditEntry::requestId).doesNotContain(refusedId);
            assertThat(app.get("/readyz", null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void under_concurrent_load_over_a_slow_audit_log_every_answered_request_has_its_row() throws Exception {
        InMemoryAuditLogRepository stored = new InMemoryAuditLogRepository();
        CountDownLatch open = new CountDownLatch(0);
        try (TestServer app = TestServer.withAuditLog(slowed(stored, open, Duration.ofMillis(20)),
                Map.of("STACKPILOT_AUDIT_QUEUE_CAPACITY", "4"))) {
            Set<String> answered = ConcurrentHashMap.newKeySet();
            Set<String> refused = ConcurrentHashMap.newKeySet();
            try (ExecutorService clients = Executors.newFixedThreadPool(8)) {
                for (int client = 0; client < 8; client++) {
                    clients.submit(() -> {
                        for (int i = 0; i < 25; i++) {
                            HttpResponse<String> response = app.get("/api/v1/flavors", null);
                            String id = response.headers().firstValue("X-Request-Id").orElseThrow();
                            (response.statusCode() == 503 ? refused : answered).add(id);
                        }
                        return null;
                    });
                }
            }
            assertThat(answered.size() + refused.size()).isEqualTo(200);
            awaitStored(stored, answered);
            assertThat(stored.all()).extracting(AuditEntry::requestId).noneMatch(refused::contains);
            assertThat(app.server.auditWriter().dropped()).isZero();
            assertThat(app.server.auditWriter().rejected()).isEqualTo(refused.size());
        }
    }

    /** Stores into {@code target} once {@code release} opens, each batch after {@code delay}. */
    private static AuditLogRepository slowed(InMemoryAuditLogRepository target, CountDownLatch release,
                                             Duration delay) {
        return new AuditLogRepository() {
            @Override
            public void appendAll(List<AuditEntry> entries) {
                try {
                    release.await(30, TimeUnit.SECONDS);
                    Thread.sleep(delay);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                target.appendAll(entries);
            }

            @Override
            public Page<AuditEntry> find(AuditQuery query) {
                return target.find(query);
            }

            @Override
            public int deleteOlderThan(java.time.Instant cutoff, int maxEntries) {
                return target.deleteOlderThan(cutoff, maxEntries);
            }
        };
    }

    private static void awaitStored(InMemoryAuditLogRepository stored, Set<String> requestIds)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!stored.all().stream().map(AuditEntry::requestId).collect(Collectors.toSet()).containsAll(requestIds)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("rows of admitted requests missing; stored " + stored.all().size());
            }
            Thread.sleep(10);
        }
    }
}
