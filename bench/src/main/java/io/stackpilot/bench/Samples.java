package io.stackpilot.bench;

import java.util.Arrays;

/** Measured values (nanoseconds, bytes, ...) and their percentiles (nearest rank). Not thread-safe. */
final class Samples {
    private long[] values = new long[64];
    private int size;

    void add(long value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = value;
    }

    int size() {
        return size;
    }

    /** The p-th percentile (0 < p <= 100) by nearest rank. */
    long percentile(double p) {
        if (size == 0) {
            throw new IllegalStateException("no samples");
        }
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * size);
        return sorted[Math.max(0, Math.min(size - 1, rank - 1))];
    }

    long median() {
        return percentile(50);
    }

    static String ms(long nanos) {
        return nanos >= 100_000_000 ? String.format("%.0f ms", nanos / 1e6) : String.format("%.1f ms", nanos / 1e6);
    }
}
