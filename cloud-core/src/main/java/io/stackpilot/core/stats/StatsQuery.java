package io.stackpilot.core.stats;

import io.stackpilot.core.common.Require;
import io.stackpilot.core.error.InvalidRequestException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the running-server statistics of one project ({@code GET /api/v1/stats/servers?points=N}). The answer ends at
 * the last completed bucket, not the current one: the current bucket's sample may not be taken yet (a lease
 * takeover collects it up to two minutes late with PT1H, an outage later still) while a completed bucket is final,
 * so the same request gives the same answer on every replica for a whole interval. Who may read which project is
 * the caller's business (the server checks roles and the allowlist). Thread-safe when the repository is.
 */
public final class StatsQuery {
    public static final int DEFAULT_POINTS = 24;
    /** 31 days of hourly points. */
    public static final int MAX_POINTS = 24 * 31;

    private final StatsSampleRepository samples;
    private final StatsBuckets buckets;
    private final Clock clock;

    public StatsQuery(StatsSampleRepository samples, StatsBuckets buckets, Clock clock) {
        this.samples = Require.notNull(samples, "samples");
        this.buckets = Require.notNull(buckets, "buckets");
        this.clock = Require.notNull(clock, "clock");
    }

    /**
     * Exactly {@code points} consecutive points (null: {@value #DEFAULT_POINTS}) ending at the last completed bucket,
     * oldest first; unknown where no sample exists.
     *
     * @param projectId a project id, or {@link StatsSample#TOTAL} for the total over the allowed projects
     * @throws InvalidRequestException when points is outside 1..{@value #MAX_POINTS} or the project id is blank
     */
    public StatsReport report(String projectId, Integer points) {
        return report(projectId, null, points);
    }

    /**
     * As {@link #report(String, Integer)}, for one location ({@code location}: its sample key, {@link StatsSample#HOME}
     * for the identity cloud's own) or, with null, summed over the locations: a bucket's point is the sum of the
     * samples its locations have ({@code backfill} when one of them is), unknown when none has one.
     */
    public StatsReport report(String projectId, String location, Integer points) {
        int count = validate(projectId, points);
        Instant last = buckets.lastCompleted(clock.instant());
        Instant first = buckets.minus(last, count - 1L);
        Map<Instant, StatsPoint> byBucket = new HashMap<>();
        for (StatsSample sample : samples.find(projectId, first, buckets.next(last))) {
            if (location == null || location.equals(sample.location())) {
                byBucket.merge(sample.bucket(), StatsPoint.of(sample), StatsQuery::sum);
            }
        }
        List<StatsPoint> result = new ArrayList<>(count);
        for (Instant at = first; !at.isAfter(last); at = buckets.next(at)) {
            StatsPoint point = byBucket.get(at);
            result.add(point == null ? StatsPoint.unknown(at) : point);
        }
        return new StatsReport(projectId, buckets.interval(), result);
    }

    private static StatsPoint sum(StatsPoint one, StatsPoint other) {
        SampleSource source = one.source() == SampleSource.BACKFILL || other.source() == SampleSource.BACKFILL
                ? SampleSource.BACKFILL : SampleSource.LIVE;
        return new StatsPoint(one.at(), one.running() + other.running(), source);
    }

    /**
     * Parses the {@code points} query parameter as the API receives it (null or blank: the default).
     *
     * @throws InvalidRequestException naming the field {@code points} when it is not a whole number
     */
    public static Integer parsePoints(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException notANumber) {
            throw InvalidRequestException.of("points", "must be a whole number between 1 and " + MAX_POINTS);
        }
    }

    private static int validate(String projectId, Integer points) {
        if (projectId == null || projectId.isBlank()) {
            throw InvalidRequestException.of("project_id", "is required");
        }
        int count = points == null ? DEFAULT_POINTS : points;
        if (count < 1 || count > MAX_POINTS) {
            throw InvalidRequestException.of("points", "must be between 1 and " + MAX_POINTS + ", was " + count);
        }
        return count;
    }
}
