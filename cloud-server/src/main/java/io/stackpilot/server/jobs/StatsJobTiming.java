package io.stackpilot.server.jobs;

import java.time.Duration;
import java.time.Instant;

/**
 * When the stats job ticks and how long its lease lasts, derived from the stats interval.
 *
 * <p>Ticks lie on a grid aligned to the bucket boundaries: {@code tick = interval / n} with n the larger of 6 and
 * the number of 30-second steps in the interval (PT1H: every 30 s; PT5S: every 833 ms), so a bucket is collected
 * at its boundary and the lease is renewed often. The lease lasts three ticks, so a holder renews it about every
 * third of its life. A dead holder's lease runs out at most three ticks after its last renewal and a follower takes
 * it at its next tick: four ticks, well inside one interval (n >= 6), so every bucket gets a live sample even
 * across a takeover. Errors back off from one tick, doubling, up to the interval or five minutes, whichever is
 * shorter.
 */
public record StatsJobTiming(Duration interval, Duration tick, Duration leaseTtl, Duration maxBackoff) {
    private static final Duration LONGEST_TICK = Duration.ofSeconds(30);
    private static final Duration LONGEST_BACKOFF = Duration.ofMinutes(5);
    private static final int MIN_TICKS_PER_INTERVAL = 6;

    public static StatsJobTiming forInterval(Duration interval) {
        long steps = Math.max(MIN_TICKS_PER_INTERVAL,
                (interval.toNanos() + LONGEST_TICK.toNanos() - 1) / LONGEST_TICK.toNanos());
        Duration tick = interval.dividedBy(steps);
        Duration maxBackoff = interval.compareTo(LONGEST_BACKOFF) < 0 ? interval : LONGEST_BACKOFF;
        return new StatsJobTiming(interval, tick, tick.multipliedBy(3), maxBackoff);
    }

    /** The time from {@code now} to the next grid point after it; {@code bucket} is the bucket {@code now} is in. */
    public Duration delayToNextTick(Instant bucket, Instant now) {
        long elapsed = Duration.between(bucket, now).toNanos();
        long steps = elapsed / tick.toNanos() + 1;
        Instant next = bucket.plus(tick.multipliedBy(steps));
        Instant nextBucket = bucket.plus(interval);
        // Rounding (PT5S / 6) can leave a sliver before the boundary: the boundary is the tick that matters.
        if (Duration.between(next, nextBucket).compareTo(tick.dividedBy(2)) < 0) {
            next = nextBucket;
        }
        return Duration.between(now, next);
    }

    /** The wait after the given number of consecutive failures (1 for the first). */
    public Duration backoff(int failures) {
        Duration delay = tick;
        for (int i = 1; i < failures && delay.compareTo(maxBackoff) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxBackoff) < 0 ? delay : maxBackoff;
    }
}
