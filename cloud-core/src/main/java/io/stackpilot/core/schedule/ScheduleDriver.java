package io.stackpilot.core.schedule;

import io.stackpilot.core.error.ConflictException;
import io.stackpilot.core.managed.ManagedServer;
import io.stackpilot.core.managed.ManagedServerEvent;
import io.stackpilot.core.managed.ManagedServerRepository;
import io.stackpilot.core.managed.ManagedServerStatus;
import io.stackpilot.core.managed.Phase;
import io.stackpilot.core.managed.ReconcileSettings;
import io.stackpilot.core.operation.Operation;
import io.stackpilot.core.operation.OperationKind;
import io.stackpilot.core.operation.OperationRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The schedule policy of the desired-state engine: no timer, only a pass that any replica may run at any time. For
 * each due schedule it computes from the clock whether the window is open and declares or removes the managed
 * servers {@code <schedule>-<n>} to match; the reconciler and executor then make the cloud match them. A replica
 * that died, or a service that was down across a window's end, is corrected by the next pass (servers made while
 * the window is still open, removed once it has ended). Each window is recorded once ({@link ScheduleRun}, keyed by
 * schedule and window start). Schedules are claimed like managed servers, so one replica at a time works on one.
 * Thread-safe.
 */
public final class ScheduleDriver {
    private final ScheduleRepository schedules;
    private final ManagedServerRepository resources;
    private final OperationRepository operations;
    private final ReconcileSettings settings;
    private final Clock clock;

    public ScheduleDriver(ScheduleRepository schedules, ManagedServerRepository resources,
                          OperationRepository operations, ReconcileSettings settings, Clock clock) {
        this.schedules = schedules;
        this.resources = resources;
        this.operations = operations;
        this.settings = settings;
        this.clock = clock;
    }

    /** Serves the schedules due now (at most {@code limit}); returns how many it claimed. */
    public int runDue(int limit) {
        Instant now = clock.instant();
        List<Schedule> claimed = schedules.claimDue(settings.replica(), now, settings.lease(), limit);
        for (Schedule schedule : claimed) {
            schedules.release(schedule.id(), settings.replica(), serve(schedule, now));
        }
        return claimed.size();
    }

    /** One pass over one schedule; returns when it is due again. */
    Instant serve(Schedule schedule, Instant now) {
        Map<Integer, ManagedServer> held = ScheduleServers.of(schedule, resources);
        int wanted = schedule.wantedAt(now);
        List<String> problems = new ArrayList<>();
        for (int n = 1; n <= wanted; n++) {
            if (!held.containsKey(n)) {
                declare(schedule, n, now).ifPresent(problems::add);
            }
        }
        int removed = 0;
        boolean surplusLeft = false;
        for (Map.Entry<Integer, ManagedServer> entry : held.entrySet()) {
            if (entry.getKey() > wanted) {
                surplusLeft = true;
                if (!entry.getValue().deletionRequested()) {
                    remove(schedule, entry.getValue(), now, wanted);
                    removed++;
                }
            }
        }
        Optional<Interval> open = wanted > 0 ? schedule.window().openAt(now) : Optional.empty();
        if (open.isPresent()) {
            int made = (int) held.entrySet().stream().filter(entry -> entry.getKey() <= wanted)
                    .filter(entry -> entry.getValue().status().phase() == Phase.READY).count();
            schedules.serve(new ScheduleRun(schedule.id(), open.get().start(), open.get().end(), now, wanted, made,
                    null, 0, List.of()));
        }
        for (ScheduleRun run : schedules.openRuns(schedule.id())) {
            boolean current = open.isPresent() && run.windowStart().equals(open.get().start());
            schedules.updateRun(schedule.id(), run.windowStart(), current ? 0 : removed, problems,
                    current || surplusLeft ? null : now);
            if (!current) {
                removed = 0;
            }
        }
        if (schedule.deletionRequested() && held.isEmpty()) {
            schedules.delete(schedule.id());
        }
        return nextDue(schedule, now);
    }

    private Optional<String> declare(Schedule schedule, int n, Instant now) {
        String name = schedule.serverName(n);
        if (resources.find(schedule.projectId(), name).isPresent()) {
            return Optional.of("managed server " + name + " exists and is not this schedule's; it was left alone");
        }
        try {
            ManagedServer declared = resources.insert(new ManagedServer(schedule.serverId(n), schedule.projectId(),
                    name, true, true, schedule.spec(), 1, ManagedServerStatus.pending(), now, now, null, schedule.id()));
            resources.appendEvent(new ManagedServerEvent(declared.id(), now, "Declared", "declared by schedule "
                    + schedule.name() + " for its window", actor(schedule), null));
        } catch (ConflictException raced) {
            // Declared between the check and the insert (the previous holder of the claim, late): the next pass sees it.
        }
        return Optional.empty();
    }

    private void remove(Schedule schedule, ManagedServer resource, Instant now, int wanted) {
        String why = schedule.deletionRequested() ? "the schedule is being deleted"
                : wanted == 0 ? "the schedule's window is closed" : "the schedule wants " + wanted + " servers";
        Optional<ManagedServer> deleting = resources.saveIntent(new ManagedServer(resource.id(),
                resource.projectId(), resource.name(), true, resource.reconcile(), resource.spec(),
                resource.generation(), resource.status(), resource.createdAt(), now, now, resource.scheduleId()));
        if (deleting.isEmpty()) {
            return;
        }
        resources.saveStatus(resource.id(), deleting.get().status().withPhase(Phase.DELETING));
        Operation queued = operations.enqueue(Operation.queue(resource.projectId(), OperationKind.DELETE,
                resource.id(), why, now, settings.locationOf(resource)));
        resources.appendEvent(new ManagedServerEvent(resource.id(), now, "DeletionRequested", why
                + ": delete queued as operation " + queued.id(), actor(schedule), queued.id()));
    }

    private Instant nextDue(Schedule schedule, Instant now) {
        Instant regular = now.plus(settings.interval());
        Optional<Instant> boundary = schedule.window().upcoming(now)
                .map(interval -> interval.contains(now) ? interval.end() : interval.start());
        return boundary.filter(regular::isAfter).orElse(regular);
    }

    private static String actor(Schedule schedule) {
        return "schedule:" + schedule.id();
    }
}
