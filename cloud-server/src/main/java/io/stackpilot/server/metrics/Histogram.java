package io.stackpilot.server.metrics;

import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/** A latency histogram in seconds with fixed upper bounds, Prometheus-style. Thread-safe, lock-free. */
final class Histogram {
    static final double[] BOUNDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};

    private final LongAdder[] buckets = new LongAdder[BOUNDS.length];
    private final DoubleAdder sum = new DoubleAdder();
    private final LongAdder count = new LongAdder();

    Histogram() {
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = new LongAdder();
        }
    }

    void observe(double seconds) {
        for (int i = 0; i < BOUNDS.length; i++) {
            if (seconds <= BOUNDS[i]) {
                buckets[i].increment();
                break;
            }
        }
        sum.add(seconds);
        count.increment();
    }

    void write(PrometheusWriter out, String name, String labels) {
        long cumulative = 0;
        String prefix = labels.isEmpty() ? "" : labels + ",";
        for (int i = 0; i < BOUNDS.length; i++) {
            cumulative += buckets[i].sum();
            out.sample(name + "_bucket", "{" + prefix + "le=\"" + BOUNDS[i] + "\"}", cumulative);
        }
        out.sample(name + "_bucket", "{" + prefix + "le=\"+Inf\"}", count.sum());
        out.sample(name + "_sum", labels.isEmpty() ? "" : "{" + labels + "}", sum.sum());
        out.sample(name + "_count", labels.isEmpty() ? "" : "{" + labels + "}", count.sum());
    }
}
