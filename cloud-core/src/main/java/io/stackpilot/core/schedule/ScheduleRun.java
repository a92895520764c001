package io.stackpilot.core.schedule;

import io.stackpilot.core.common.Require;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One window a schedule served, recorded once whatever the number of replicas (its key is the schedule and the
 * window's start): when serving began, servers wanted and made (Ready), when the last one was gone and how many were
 * removed, and problems met on the way.
 */
public record ScheduleRun(UUID scheduleId, Instant windowStart, Instant windowEnd, Instant startedAt,
                          int serversWanted, int serversMade, Instant endedAt, int serversRemoved,
                          List<String> problems) {
    public ScheduleRun {
        Require.notNull(scheduleId, "scheduleId");
        Require.notNull(windowStart, "windowStart");
        Require.notNull(windowEnd, "windowEnd");
        Require.notNull(startedAt, "startedAt");
        problems = problems == null ? List.of() : List.copyOf(problems);
    }

    public boolean ended() {
        return endedAt != null;
    }
}
