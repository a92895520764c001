package io.stackpilot.core.stats;

import io.stackpilot.core.common.Require;
import java.time.Instant;

/**
 * The number of a project's servers that were running in one location in one time bucket. {@code bucket} is the
 * start of its interval (UTC, aligned to the wall clock). {@code location} is {@link #HOME} for the identity cloud's
 * own location (what was sampled before locations, and what every older sample belongs to) and {@code cloud/region}
 * for another configured location. The triple (project, location, bucket) is unique.
 */
public record StatsSample(String projectId, Instant bucket, int running, SampleSource source, Instant collectedAt,
                          String location) {
    /** The project id under which the total over all allowed projects is stored. */
    public static final String TOTAL = "*";
    /** The location key of the identity cloud's own location. */
    public static final String HOME = "";

    /** A sample of the identity cloud's own location. */
    public StatsSample(String projectId, Instant bucket, int running, SampleSource source, Instant collectedAt) {
        this(projectId, bucket, running, source, collectedAt, HOME);
    }

    public StatsSample {
        Require.notBlank(projectId, "projectId");
        Require.notNull(location, "location");
        Require.notNull(bucket, "bucket");
        Require.notNegative(running, "running");
        Require.notNull(source, "source");
        Require.notNull(collectedAt, "collectedAt");
    }
}
