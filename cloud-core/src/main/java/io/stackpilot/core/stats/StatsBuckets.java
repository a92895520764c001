package io.stackpilot.core.stats;

import io.stackpilot.core.common.Require;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The time buckets of the statistics: consecutive intervals aligned to the wall clock in UTC, each named by its start
 * ({@code PT1H} gives 00:00, 01:00, ...). The interval must divide a day evenly, so every day starts a bucket and the
 * buckets are the same on every replica whatever its start time. Immutable.
 */
public record StatsBuckets(Duration interval) {
    public static final Duration DEFAULT_INTERVAL = Duration.ofHours(1);
    private static final Duration DAY = Duration.ofDays(1);

    public StatsBuckets {
        Require.notNull(interval, "interval");
        if (interval.isNegative() || interval.isZero() || interval.toNanosPart() % 1_000_000 != 0) {
            throw new IllegalArgumentException("stats interval must be a positive whole number of milliseconds, was "
                    + interval);
        }
        if (interval.compareTo(DAY) > 0 || DAY.toMillis() % interval.toMillis() != 0) {
            throw new IllegalArgumentException("stats interval must divide 24 hours evenly (e.g. PT5S, PT1M, PT15M, "
                    + "PT1H, PT6H), was " + interval);
        }
    }

    public static StatsBuckets hourly() {
        return new StatsBuckets(DEFAULT_INTERVAL);
    }

    /** The bucket the instant falls in: the start of its interval. */
    public Instant bucketOf(Instant instant) {
        long millis = instant.toEpochMilli();
        long size = interval.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(millis, size) * size);
    }

    /** The earliest bucket starting at or after the instant. */
    public Instant firstAtOrAfter(Instant instant) {
        Instant bucket = bucketOf(instant);
        return bucket.equals(instant) ? bucket : next(bucket);
    }

    public boolean isBucket(Instant instant) {
        return bucketOf(instant).equals(instant);
    }

    public Instant next(Instant bucket) {
        return bucket.plus(interval);
    }

    public Instant minus(Instant bucket, long buckets) {
        return bucket.minus(interval.multipliedBy(buckets));
    }

    /** The last bucket whose interval has ended at the instant (the one before the current one). */
    public Instant lastCompleted(Instant now) {
        return minus(bucketOf(now), 1);
    }

    /** The buckets starting in [from, to), oldest first; {@code from} is rounded up to a bucket. */
    public List<Instant> between(Instant from, Instant to) {
        List<Instant> buckets = new ArrayList<>();
        for (Instant bucket = firstAtOrAfter(from); bucket.isBefore(to); bucket = next(bucket)) {
            buckets.add(bucket);
        }
        return buckets;
    }

    /** Throws unless the instant is the start of a bucket. */
    public Instant requireBucket(Instant instant, String field) {
        Require.notNull(instant, field);
        if (!isBucket(instant)) {
            throw new IllegalArgumentException(field + " must be the start of a " + interval + " bucket, was "
                    + instant);
        }
        return instant;
    }
}
