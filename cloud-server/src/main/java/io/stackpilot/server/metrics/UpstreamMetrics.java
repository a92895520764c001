package io.stackpilot.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * Latency and outcome of the calls the adapter makes to OpenStack, by service. {@link #onResponse} has the
 * signature of the adapter's {@code io.stackpilot.openstack.UpstreamObserver}, so the composition root passes
 * {@code upstreamMetrics::onResponse}. Also tells whether Keystone ("identity") answered recently, for readiness.
 * Thread-safe.
 */
public final class UpstreamMetrics {
    public static final String IDENTITY = "identity";

    private final MeterRegistry registry;
    private volatile boolean identityFailing;

    UpstreamMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** One call to a cloud service; {@code status} is 0 when no answer came (connection failure, timeout). */
    public void onResponse(String service, String method, int status, long elapsedNanos) {
        DaemonMetrics.histogram(Timer.builder("stackpilot_upstream_request_duration")
                        .description("Latency of calls to OpenStack."))
                .tag("service", service).register(registry).record(Duration.ofNanos(elapsedNanos));
        Counter.builder("stackpilot_upstream_requests")
                .description("Calls to OpenStack by service, method and status (0 = no answer).")
                .tags("service", service, "method", method, "status", String.valueOf(status))
                .register(registry).increment();
        if (IDENTITY.equals(service)) {
            identityFailing = status <= 0 || status >= 500;
        }
    }

    /**
     * Readiness of Keystone as seen by real traffic: healthy unless the latest identity call got no answer or a
     * server error. Before any call it is healthy (nothing says otherwise).
     */
    public boolean identityHealthy() {
        return !identityFailing;
    }
}
