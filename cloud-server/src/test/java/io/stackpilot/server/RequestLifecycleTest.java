package io.stackpilot.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.HandlerType;
import io.stackpilot.core.audit.AuditEntry;
import io.stackpilot.core.testing.TestData;
import io.stackpilot.server.http.ApiRoute;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every request that reached a handler is audited once and leaves the in-flight count, whatever happened to it:
 * refused for a malformed query, or answered to a client that went away before the answer was written.
 */
class RequestLifecycleTest {

    @Test
    void malformed_percent_escapes_in_the_query_answer_400_problem_json_and_are_audited_with_the_raw_query()
            throws Exception {
        try (TestServer app = TestServer.start()) {
            String demo = app.token(TestData.demo());
            for (String query : List.of("a%=1", "%zz=1", "name=x%4")) {
                RawHttp.Answer answer = RawHttp.send(app.server.port(), "GET", "/api/v1/flavors?" + query, demo);

                assertThat(answer.status()).as(answer.body()).isEqualTo(400);
                assertThat(answer.header("Content-Type")).isEqualTo("application/problem+json");
                JsonNode problem = TestServer.JSON.readTree(answer.body());
                assertThat(problem.get("type").asText()).isEqualTo("/problems/invalid-request");
                assertThat(answer.body()).doesNotContain("m1.tiny");
                String requestId = answer.header("X-Request-Id");
                AuditEntry row = app.auditRowsWhen(rows -> rows.stream()
                        .anyMatch(r -> r.requestId().equals(requestId))).stream()
                        .filter(r -> r.requestId().equals(requestId)).findFirst().orElseThrow();
                assertThat(row.status()).isEqualTo(400);
                assertThat(row.query()).isEqualTo(query);
            }
        }
    }

    @Test
    void a_delete_with_a_malformed_escape_does_not_reach_the_cloud_and_is_audited() {
        try (TestServer app = TestServer.start()) {
            String demo = app.token(TestData.demo());
            String id = "7d9c1a8e-3b5f-4c2d-9e6a-1f0b2c3d4e5f";
            RawHttp.Answer answer = RawHttp.send(app.server.port(), "DELETE", "/api/v1/servers/" + id + "?%zz", demo);

            assertThat(answer.status()).isEqualTo(400);
            assertThat(app.cloud.calls("delete")).isZero();
            String requestId = answer.header("X-Request-Id");
            assertThat(app.auditRowsWhen(rows -> rows.stream().anyMatch(r -> r.requestId().equals(requestId))))
                    .filteredOn(r -> r.requestId().equals(requestId)).singleElement()
                    .satisfies(row -> assertThat(row.method()).isEqualTo("DELETE"));
        }
    }

    @Test
    void a_client_that_goes_away_mid_answer_still_gets_exactly_one_audit_row_and_leaves_no_request_in_flight() {
        try (TestServer app = TestServer.withRoutes(() -> List.of(ApiRoute.open(HandlerType.GET, "/test/large",
                ctx -> ctx.result(endless(64L * 1024 * 1024)))))) {
            RawHttp.sendAndGoAway(app.server.port(), "/test/large");

            List<AuditEntry> rows = app.auditRowsWhen(all -> all.stream()
                    .anyMatch(row -> row.path().equals("/test/large")));
            app.awaitCompletedRequests();
            assertThat(app.auditLog.all()).filteredOn(row -> row.path().equals("/test/large")).hasSize(1);
            assertThat(rows).filteredOn(row -> row.path().equals("/test/large")).singleElement()
                    .satisfies(row -> assertThat(row.route()).isEqualTo("/test/large"));
            assertThat(app.server.inFlight()).isZero();
        }
    }

    @Test
    void every_answered_request_leaves_the_in_flight_count() {
        try (TestServer app = TestServer.start()) {
            String demo = app.token(TestData.demo());
            app.get("/api/v1/flavors", demo);
            app.get("/api/v1/flavors", null);
            app.get("/nowhere", null);
            RawHttp.send(app.server.port(), "GET", "/api/v1/flavors?%", demo);
            app.awaitCompletedRequests();
            assertThat(app.server.inFlight()).isZero();
        }
    }

    private static InputStream endless(long size) {
        return new InputStream() {
            private long left = size;

            @Override
            public int read() {
                return left-- > 0 ? 'x' : -1;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(length, left);
                java.util.Arrays.fill(buffer, offset, offset + n, (byte) 'x');
                left -= n;
                return n;
            }
        };
    }
}
