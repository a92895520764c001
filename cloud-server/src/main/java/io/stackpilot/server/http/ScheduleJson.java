package io.stackpilot.server.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.stackpilot.core.managed.ManagedServer;
import io.stackpilot.core.managed.ManagedServerSpec;
import io.stackpilot.core.schedule.OneOffWindow;
import io.stackpilot.core.schedule.RecurringWindow;
import io.stackpilot.core.schedule.Schedule;
import io.stackpilot.core.schedule.ScheduleRun;
import io.stackpilot.core.schedule.ScheduleView;
import io.stackpilot.core.schedule.WindowRequest;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

/**
 * A schedule as the API shows it (issue 18's field names): the spec as written and resolved, {@code count},
 * {@code window} (recurring: days, start, end, time_zone; one-off: from, until), {@code enabled}, and at the time of
 * the request {@code active}, {@code next_start}, {@code next_end} and the managed servers it holds with their phase.
 */
public record ScheduleJson(UUID id, String name, String projectId, String flavor, String flavorId, String image,
                           String imageId, List<String> networks, List<String> networkIds, int count,
                           boolean preemptible, @JsonRawValue String placement, WindowJson window, boolean enabled,
                           boolean active, Instant nextStart, Instant nextEnd, List<ServerRef> servers,
                           Instant createdAt, Instant updatedAt, Instant deletionRequestedAt) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record WindowJson(List<String> days, String start, String end, String timeZone, Instant from,
                             Instant until) {
    }

    /** A managed server the schedule holds: see {@code /api/v1/managed-servers/{name}} for the whole resource. */
    public record ServerRef(String name, UUID id, String phase, String serverId, String serverStatus,
                            boolean deleting) {
        static ServerRef of(ManagedServer server) {
            return new ServerRef(server.name(), server.id(), server.status().phase().wireName(),
                    server.status().serverId(), server.status().serverStatus() == null ? null
                    : server.status().serverStatus().name(), server.deletionRequested());
        }
    }

    public record RunJson(Instant windowStart, Instant windowEnd, Instant startedAt, int serversWanted,
                          int serversMade, Instant endedAt, int serversRemoved, List<String> problems) {
        static RunJson of(ScheduleRun run) {
            return new RunJson(run.windowStart(), run.windowEnd(), run.startedAt(), run.serversWanted(),
                    run.serversMade(), run.endedAt(), run.serversRemoved(), run.problems());
        }
    }

    public record Schedules(List<ScheduleJson> schedules) {
    }

    public record Runs(List<RunJson> runs) {
    }

    public static ScheduleJson of(ScheduleView view) {
        Schedule schedule = view.schedule();
        ManagedServerSpec spec = schedule.spec();
        return new ScheduleJson(schedule.id(), schedule.name(), schedule.projectId(), spec.flavor(), spec.flavorId(),
                spec.image(), spec.imageId(), spec.networks(), spec.networkIds(), schedule.count(),
                spec.preemptible(), spec.placement(), window(schedule), schedule.enabled(), view.active(),
                view.nextStart(), view.nextEnd(), view.servers().stream().map(ServerRef::of).toList(),
                schedule.createdAt(), schedule.updatedAt(), schedule.deletionRequestedAt());
    }

    private static WindowJson window(Schedule schedule) {
        return switch (schedule.window()) {
            case RecurringWindow recurring -> new WindowJson(EnumSet.copyOf(recurring.days()).stream()
                    .map(WindowRequest::dayName).toList(), time(recurring.start()), time(recurring.end()),
                    recurring.timeZone().getId(), null, null);
            case OneOffWindow oneOff -> new WindowJson(null, null, null, null, oneOff.from(), oneOff.until());
        };
    }

    /** HH:MM, or HH:MM:SS when the seconds are not zero ({@code LocalTime.toString}). */
    private static String time(java.time.LocalTime time) {
        return time.withNano(0).toString();
    }
}
