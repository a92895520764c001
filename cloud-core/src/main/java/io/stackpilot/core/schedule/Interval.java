package io.stackpilot.core.schedule;

import io.stackpilot.core.common.Require;
import java.time.Instant;

/** One opening of a schedule's window: open from {@code start} (inclusive) until {@code end} (exclusive). */
public record Interval(Instant start, Instant end) {
    public Interval {
        Require.notNull(start, "start");
        Require.notNull(end, "end");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("an interval ends after it starts: " + start + " .. " + end);
        }
    }

    public boolean contains(Instant instant) {
        return !instant.isBefore(start) && instant.isBefore(end);
    }
}
