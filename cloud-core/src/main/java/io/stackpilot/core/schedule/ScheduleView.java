package io.stackpilot.core.schedule;

import io.stackpilot.core.managed.ManagedServer;
import java.time.Instant;
import java.util.List;

/**
 * A schedule as the API shows it at one instant: whether its window is open ({@code active}), when it closes
 * ({@code nextEnd}: the open window's end, else the next window's) and when the next window opens ({@code
 * nextStart}); null when there is none. {@code servers} are the managed servers it holds now.
 */
public record ScheduleView(Schedule schedule, boolean active, Instant nextStart, Instant nextEnd,
                           List<ManagedServer> servers) {
    public ScheduleView {
        servers = List.copyOf(servers);
    }

    static ScheduleView at(Schedule schedule, Instant now, List<ManagedServer> servers) {
        Window window = schedule.window();
        java.util.Optional<Interval> open = window.openAt(now);
        if (open.isPresent()) {
            Instant nextStart = window.nextStartAfter(open.get().start()).map(Interval::start).orElse(null);
            return new ScheduleView(schedule, true, nextStart, open.get().end(), servers);
        }
        java.util.Optional<Interval> next = window.upcoming(now);
        return new ScheduleView(schedule, false, next.map(Interval::start).orElse(null),
                next.map(Interval::end).orElse(null), servers);
    }
}
