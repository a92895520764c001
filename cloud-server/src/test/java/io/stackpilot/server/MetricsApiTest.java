package io.stackpilot.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.core.testing.TestData;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code /metrics} of the in-process server: today's series kept, the libraries' JVM and HTTP server ones added. */
class MetricsApiTest {
    /** Every metric of the hand-written version (until 2026-12) with its type: dashboards and alerts use them. */
    private static final Map<String, String> HAND_WRITTEN_METRICS = Map.of(
            "stackpilot_http_requests_total", "counter",
            "stackpilot_http_request_duration_seconds", "histogram",
            "stackpilot_upstream_requests_total", "counter",
            "stackpilot_upstream_request_duration_seconds", "histogram",
            "stackpilot_audit_queue_depth", "gauge",
            "stackpilot_audit_dropped_total", "counter",
            "stackpilot_audit_write_failures_total", "counter",
            "stackpilot_token_cache_hits_total", "counter",
            "stackpilot_token_cache_misses_total", "counter");

    private final TestServer app = TestServer.start();

    @AfterEach
    void stop() {
        app.close();
    }

    private Scrape scrape() {
        app.awaitCompletedRequests();
        HttpResponse<String> response = app.get("/metrics", null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValue("text/plain; version=0.0.4; charset=utf-8");
        return Scrape.of(response.body());
    }

    @Test
    void every_metric_of_the_hand_written_version_is_there_with_its_type_and_labels() {
        app.get("/api/v1/flavors", app.token(TestData.demo()));
        app.metrics.upstream().onResponse("compute", "GET", 200, 3_000_000L);
        Scrape scrape = scrape();

        HAND_WRITTEN_METRICS.forEach((name, type) ->
                assertThat(scrape.types()).as(name).containsEntry(name, type));
        assertThat(scrape.value("stackpilot_http_requests_total", "method", "GET", "route", "/api/v1/flavors",
                "status", "200")).contains(1.0);
        assertThat(scrape.value("stackpilot_http_request_duration_seconds_bucket", "method", "GET",
                "route", "/api/v1/flavors", "le", "30.0")).contains(1.0);
        assertThat(scrape.value("stackpilot_http_request_duration_seconds_sum", "method", "GET",
                "route", "/api/v1/flavors")).isPresent();
        assertThat(scrape.value("stackpilot_upstream_requests_total", "service", "compute", "method", "GET",
                "status", "200")).contains(1.0);
        assertThat(scrape.value("stackpilot_upstream_request_duration_seconds_bucket", "service", "compute",
                "le", "0.005")).contains(1.0);
        assertThat(scrape.value("stackpilot_upstream_request_duration_seconds_count", "service", "compute"))
                .contains(1.0);
    }

    @Test
    void jvm_gc_thread_http_server_and_build_metrics_are_added() {
        app.get("/healthz", null);
        Scrape scrape = scrape();

        assertThat(scrape.types()).containsKeys("jvm_memory_used_bytes", "jvm_gc_memory_allocated_bytes_total",
                "jvm_gc_live_data_size_bytes",
                "jvm_threads_live_threads", "process_uptime_seconds", "jetty_threads_current",
                "jetty_connections_current_connections", "jetty_connections_bytes_in_bytes");
        assertThat(scrape.value("stackpilot_build_info", "version", "dev")).contains(1.0);
    }

    @Test
    void histograms_end_with_plus_inf_and_label_values_are_escaped() {
        app.metrics.recordRequest("GET", "/odd \"route\" \\ with\nnewline", 200, 40_000_000_000L);
        app.metrics.gauge("test_odd_help", "line one\nback\\slash", () -> 1);
        app.awaitCompletedRequests();
        String text = app.get("/metrics", null).body();

        assertThat(text).contains("stackpilot_http_request_duration_seconds_bucket{method=\"GET\","
                + "route=\"/odd \\\"route\\\" \\\\ with\\nnewline\",le=\"+Inf\"} 1");
        assertThat(text).contains("stackpilot_http_request_duration_seconds_bucket{method=\"GET\","
                + "route=\"/odd \\\"route\\\" \\\\ with\\nnewline\",le=\"30.0\"} 0");
        assertThat(text).contains("# HELP test_odd_help line one\\nback\\\\slash\n");
    }
}
