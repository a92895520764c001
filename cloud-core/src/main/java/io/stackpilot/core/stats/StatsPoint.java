package io.stackpilot.core.stats;

import io.stackpilot.core.common.Require;
import java.time.Instant;

/**
 * One point of a report: the bucket start and, when a sample exists, how many servers ran and how that was known.
 * {@code running} and {@code source} are both null when nothing can tell (no sample: before the service ran,
 * outside the retention, or not reconstructible).
 */
public record StatsPoint(Instant at, Integer running, SampleSource source) {
    public StatsPoint {
        Require.notNull(at, "at");
        if ((running == null) != (source == null)) {
            throw new IllegalArgumentException("running and source are both known or both unknown");
        }
        if (running != null) {
            Require.notNegative(running, "running");
        }
    }

    public static StatsPoint unknown(Instant at) {
        return new StatsPoint(at, null, null);
    }

    public static StatsPoint of(StatsSample sample) {
        return new StatsPoint(sample.bucket(), sample.running(), sample.source());
    }
}
