package io.stackpilot.core.stats;

import io.stackpilot.core.common.Require;
import java.time.Instant;

/**
 * The number of a project's servers that were running in one time bucket. {@code bucket} is the start of its
 * interval (UTC, aligned to the wall clock). The pair (project, bucket) is unique.
 */
public record StatsSample(String projectId, Instant bucket, int running, SampleSource source, Instant collectedAt) {
    /** The project id under which the total over all allowed projects is stored. */
    public static final String TOTAL = "*";

    public StatsSample {
        Require.notBlank(projectId, "projectId");
        Require.notNull(bucket, "bucket");
        Require.notNegative(running, "running");
        Require.notNull(source, "source");
        Require.notNull(collectedAt, "collectedAt");
    }
}
