package io.stackpilot.core.stats;

import io.stackpilot.core.common.Require;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Deletes samples older than the retention ({@code STACKPILOT_STATS_RETENTION}, default 90 days). Idempotent, so a
 * purge run twice or by two replicas is harmless; the stats job runs it on the lease holder only, once per bucket.
 * Thread-safe when the repository is.
 */
public final class StatsRetention {
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(90);

    private final StatsSampleRepository samples;
    private final Duration retention;
    private final Clock clock;

    public StatsRetention(StatsSampleRepository samples, StatsBuckets buckets, Duration retention, Clock clock) {
        this.samples = Require.notNull(samples, "samples");
        this.retention = requireValid(retention, buckets);
        this.clock = Require.notNull(clock, "clock");
    }

    /** Deletes the samples whose bucket starts before {@code now - retention}; returns how many. */
    public int purge() {
        return samples.deleteOlderThan(cutoff());
    }

    /** The oldest instant a kept bucket may start at. */
    public Instant cutoff() {
        return clock.instant().minus(retention);
    }

    /** A retention must keep at least one completed bucket, else backfill and purge would undo each other. */
    static Duration requireValid(Duration retention, StatsBuckets buckets) {
        Require.notNull(retention, "retention");
        Require.notNull(buckets, "buckets");
        if (retention.compareTo(buckets.interval().multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("stats retention must be at least two intervals ("
                    + buckets.interval().multipliedBy(2) + "), was " + retention);
        }
        return retention;
    }
}
