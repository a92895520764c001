package io.stackpilot.server.metrics;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;

/**
 * The server's metrics, rendered by hand in Prometheus text: requests by method, route and status with latency
 * histograms, upstream calls by service, and gauges registered by other parts (audit queue, token cache).
 * Routes are the templates ({@code /api/v1/servers/{id}}), never raw paths, so label sets stay small.
 * Thread-safe.
 */
public final class ServerMetrics {
    private record Gauge(String type, String help, DoubleSupplier value) {
    }

    private final UpstreamMetrics upstream;
    private final Map<String, LongAdder> requests = new ConcurrentSkipListMap<>();
    private final Map<String, Histogram> latency = new ConcurrentSkipListMap<>();
    private final Map<String, Gauge> gauges = new LinkedHashMap<>();

    public ServerMetrics(Clock clock) {
        this.upstream = new UpstreamMetrics(clock);
    }

    public UpstreamMetrics upstream() {
        return upstream;
    }

    public void recordRequest(String method, String route, int status, long elapsedNanos) {
        String routeLabels = PrometheusWriter.label("method", method) + "," + PrometheusWriter.label("route", route);
        requests.computeIfAbsent(routeLabels + "," + PrometheusWriter.label("status", String.valueOf(status)),
                k -> new LongAdder()).increment();
        latency.computeIfAbsent(routeLabels, k -> new Histogram()).observe(elapsedNanos / 1e9);
    }

    /** Registers a value read at each scrape; {@code type} is "gauge" or "counter". */
    public synchronized void register(String name, String type, String help, DoubleSupplier value) {
        gauges.put(name, new Gauge(type, help, value));
    }

    public synchronized String render() {
        PrometheusWriter out = new PrometheusWriter();
        out.header("stackpilot_http_requests_total", "counter", "HTTP requests by method, route and status.");
        requests.forEach((labels, count) -> out.sample("stackpilot_http_requests_total", "{" + labels + "}",
                count.sum()));
        out.header("stackpilot_http_request_duration_seconds", "histogram", "HTTP request latency by route.");
        latency.forEach((labels, histogram) -> histogram.write(out, "stackpilot_http_request_duration_seconds",
                labels));
        upstream.write(out);
        gauges.forEach((name, gauge) -> {
            out.header(name, gauge.type(), gauge.help());
            out.sample(name, "", gauge.value().getAsDouble());
        });
        return out.toString();
    }

    public static String contentType() {
        return PrometheusWriter.CONTENT_TYPE;
    }
}
