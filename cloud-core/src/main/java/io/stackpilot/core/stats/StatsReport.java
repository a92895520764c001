package io.stackpilot.core.stats;

import io.stackpilot.core.common.Require;
import java.time.Duration;
import java.util.List;

/**
 * Running servers of one project (or {@link StatsSample#TOTAL} for all allowed projects) per bucket: exactly the
 * requested number of points, oldest first, consecutive, the last being the last completed bucket.
 */
public record StatsReport(String projectId, Duration interval, List<StatsPoint> points) {
    public StatsReport {
        Require.notBlank(projectId, "projectId");
        Require.notNull(interval, "interval");
        points = List.copyOf(Require.notNull(points, "points"));
    }
}
