package io.stackpilot.server.metrics;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Latency and outcome of the calls the adapter makes to OpenStack, by service. {@link #onResponse} has the
 * signature of the adapter's {@code io.stackpilot.openstack.UpstreamObserver}, so the composition root passes
 * {@code upstreamMetrics::onResponse}. Also tells whether Keystone ("identity") answered recently, for readiness.
 * Thread-safe.
 */
public final class UpstreamMetrics {
    public static final String IDENTITY = "identity";

    private final Clock clock;
    private final Map<String, Histogram> latency = new ConcurrentSkipListMap<>();
    private final Map<String, LongAdder> calls = new ConcurrentSkipListMap<>();
    private final Map<String, Instant> lastAnswer = new ConcurrentHashMap<>();
    private volatile boolean identityFailing;

    public UpstreamMetrics(Clock clock) {
        this.clock = clock;
    }

    /** One call to a cloud service; {@code status} is 0 when no answer came (connection failure, timeout). */
    public void onResponse(String service, String method, int status, long elapsedNanos) {
        String serviceLabel = PrometheusWriter.label("service", service);
        latency.computeIfAbsent(serviceLabel, s -> new Histogram()).observe(elapsedNanos / 1e9);
        calls.computeIfAbsent(serviceLabel + "," + PrometheusWriter.label("method", method) + ","
                + PrometheusWriter.label("status", String.valueOf(status)), k -> new LongAdder()).increment();
        boolean answered = status > 0 && status < 500;
        if (answered) {
            lastAnswer.put(service, clock.instant());
        }
        if (IDENTITY.equals(service)) {
            identityFailing = !answered;
        }
    }

    /** When the service last answered (any status below 500), if ever. */
    public Instant lastAnswer(String service) {
        return lastAnswer.get(service);
    }

    /**
     * Readiness of Keystone as seen by real traffic: healthy unless the latest identity call got no answer or a
     * server error. Before any call it is healthy (nothing says otherwise).
     */
    public boolean identityHealthy() {
        return !identityFailing;
    }

    void write(PrometheusWriter out) {
        out.header("stackpilot_upstream_requests_total", "counter", "Calls to OpenStack by service, method and status "
                + "(0 = no answer).");
        calls.forEach((labels, count) -> out.sample("stackpilot_upstream_requests_total", "{" + labels + "}",
                count.sum()));
        out.header("stackpilot_upstream_request_duration_seconds", "histogram", "Latency of calls to OpenStack.");
        latency.forEach((labels, histogram) -> histogram.write(out, "stackpilot_upstream_request_duration_seconds",
                labels));
    }
}
