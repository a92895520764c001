package io.stackpilot.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackpilot.core.testing.TestData;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpsApiTest {
    private final TestServer app = TestServer.start();

    @AfterEach
    void stop() {
        app.close();
    }

    @Test
    void healthz_says_ok() {
        HttpResponse<String> response = app.get("/healthz", null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(TestServer.json(response).get("status").asText()).isEqualTo("ok");
    }

    @Test
    void readyz_reports_each_check() {
        HttpResponse<String> ready = app.get("/readyz", null);
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(TestServer.json(ready).get("checks").get("database").asText()).isEqualTo("ok");
        app.databaseUp.set(false);
        HttpResponse<String> notReady = app.get("/readyz", null);
        assertThat(notReady.statusCode()).isEqualTo(503);
        JsonNode body = TestServer.json(notReady);
        assertThat(body.get("status").asText()).isEqualTo("unavailable");
        assertThat(body.get("checks").get("database").asText()).isEqualTo("failing");
        assertThat(body.get("checks").get("keystone").asText()).isEqualTo("ok");
        assertThat(body.get("checks").get("audit_queue").asText()).isEqualTo("ok");
    }

    @Test
    void readyz_fails_when_keystone_stopped_answering() {
        app.metrics.upstream().onResponse("identity", "GET", 0, 5_000_000_000L);
        JsonNode body = TestServer.json(app.get("/readyz", null));
        assertThat(body.get("checks").get("keystone").asText()).isEqualTo("failing");
        app.metrics.upstream().onResponse("identity", "GET", 401, 1_000_000L);
        assertThat(app.get("/readyz", null).statusCode()).isEqualTo(200);
    }

    @Test
    void metrics_expose_requests_latency_upstream_audit_and_token_cache_series() {
        String demo = app.token(TestData.demo());
        app.get("/api/v1/flavors", demo);
        app.get("/api/v1/flavors", demo);
        app.get("/api/v1/servers/abc", demo);
        app.metrics.upstream().onResponse("compute", "GET", 200, 12_000_000L);
        app.awaitCompletedRequests();
        HttpResponse<String> response = app.get("/metrics", null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/plain"));
        // The series of the hand-written exposition, compared as parsed samples (the library writes 2.0 for 2 and
        // orders labels by name).
        Scrape scrape = Scrape.of(response.body());
        assertThat(scrape.value("stackpilot_http_requests_total", "method", "GET", "route", "/api/v1/flavors",
                "status", "200")).contains(2.0);
        assertThat(scrape.value("stackpilot_http_requests_total", "method", "GET", "route", "/api/v1/servers/{id}",
                "status", "404")).contains(1.0);
        assertThat(scrape.value("stackpilot_http_request_duration_seconds_bucket", "method", "GET",
                "route", "/api/v1/flavors", "le", "+Inf")).contains(2.0);
        assertThat(scrape.value("stackpilot_http_request_duration_seconds_count", "method", "GET",
                "route", "/api/v1/flavors")).contains(2.0);
        assertThat(scrape.value("stackpilot_upstream_request_duration_seconds_bucket", "service", "compute",
                "le", "0.025")).contains(1.0);
        assertThat(scrape.value("stackpilot_upstream_requests_total", "service", "compute", "method", "GET",
                "status", "200")).contains(1.0);
        assertThat(response.body()).contains("# TYPE stackpilot_audit_queue_depth gauge");
        assertThat(scrape.value("stackpilot_audit_dropped_total")).contains(0.0);
        assertThat(scrape.value("stackpilot_audit_rejected_total")).contains(0.0);
        assertThat(scrape.value("stackpilot_token_cache_hits_total")).contains(2.0);
        assertThat(scrape.value("stackpilot_token_cache_misses_total")).contains(1.0);
    }
}
