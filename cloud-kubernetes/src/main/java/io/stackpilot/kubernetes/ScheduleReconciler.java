package io.stackpilot.kubernetes;

import io.stackpilot.core.error.ConflictException;
import io.stackpilot.core.error.InvalidRequestException;
import io.stackpilot.core.error.NotFoundException;
import io.stackpilot.core.error.StackpilotException;
import io.stackpilot.core.error.UpstreamException;
import io.stackpilot.core.identity.Session;
import io.stackpilot.core.schedule.Schedule;
import io.stackpilot.core.schedule.SchedulePatch;
import io.stackpilot.core.schedule.ScheduleRequest;
import io.stackpilot.core.schedule.ScheduleService;
import io.stackpilot.core.schedule.ScheduleView;
import io.stackpilot.core.schedule.WindowRequest;
import io.stackpilot.kubernetes.crd.ScheduleResource;
import io.stackpilot.kubernetes.crd.ScheduleSpec;
import io.stackpilot.kubernetes.crd.ScheduleStatus;
import io.stackpilot.kubernetes.crd.ServerStatus.ConditionStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Brings one Schedule custom resource and its schedule together through the core's {@link ScheduleService}, the use
 * case behind /api/v1/schedules, in the cloudRef's project: created once (its id kept in the status), count, window
 * and enabled follow the spec, the status mirrors what the API shows (open or not, servers wanted now, the next
 * change), and a finalizer makes deleting the object delete the schedule (the engine removes its servers first, the
 * object goes when the schedule is gone). Flavor, image, networks and preemptible are fixed after creation, as in
 * the API: a change is reported (Ready=False, ImmutableField), not applied. Thread-safe when each object is
 * reconciled by one thread at a time.
 */
final class ScheduleReconciler {
    static final String FINALIZER = "stackpilot.io/schedule";

    private final ScheduleService schedules;
    private final CloudSessions sessions;
    private final ResourceWrites cluster;
    private final Clock clock;

    ScheduleReconciler(ScheduleService schedules, CloudSessions sessions, ResourceWrites cluster, Clock clock) {
        this.schedules = schedules;
        this.sessions = sessions;
        this.cluster = cluster;
        this.clock = clock;
    }

    /** One pass; safe to repeat. */
    void reconcile(ScheduleResource resource) {
        ScheduleSpec spec = resource.getSpec();
        if (resource.getMetadata().getDeletionTimestamp() != null) {
            finalizeDeletion(resource);
            return;
        }
        if (spec == null || spec.cloudRef() == null || spec.cloudRef().secretName() == null) {
            fail(resource, "False", "InvalidSpec", "spec.cloudRef.secretName is required");
            return;
        }
        if (!resource.hasFinalizer(FINALIZER)) {
            cluster.addFinalizer(resource, FINALIZER);
        }
        try {
            Session session = sessions.sessionFor(resource.getMetadata().getNamespace(), spec.cloudRef());
            converge(session, resource);
        } catch (CloudRefException unusable) {
            fail(resource, "False", unusable.reason(), unusable.getMessage());
        } catch (InvalidRequestException invalid) {
            fail(resource, "False", "InvalidSpec", ServerReconciler.describe(invalid));
        } catch (ConflictException conflict) {
            fail(resource, "False", "Conflict", conflict.getMessage());
        } catch (UpstreamException unavailable) {
            fail(resource, "Unknown", "CloudUnavailable", unavailable.getMessage());
        } catch (StackpilotException failed) {
            fail(resource, "False", failed.getClass().getSimpleName().replace("Exception", ""), failed.getMessage());
        }
    }

    private void converge(Session session, ScheduleResource resource) {
        ScheduleSpec spec = resource.getSpec();
        ScheduleStatus old = resource.getStatus();
        String knownId = old == null ? null : old.scheduleID();
        String name = resource.getMetadata().getName();
        ScheduleView view = find(session, knownId != null ? knownId : name);
        if (view != null && knownId == null && createdBefore(view.schedule(), resource)) {
            fail(resource, "False", "NameTaken", "a schedule named " + name + " already exists in project "
                    + session.project().id() + " and was not created for this Schedule");
            return;
        }
        boolean enabled = spec.enabled() == null || spec.enabled();
        String createdWith = old == null ? null : old.createdWith();
        if (view == null) {
            if (knownId != null) {
                // Deleted behind our back (through the API): declared again, as a deleted VM is recreated.
                cluster.event(resource, true, "Recreated", "schedule " + knownId + " disappeared; creating it again");
            }
            view = schedules.create(session, new ScheduleRequest(name, spec.flavor(), spec.image(), spec.networks(),
                    spec.count(), spec.preemptible(), null, window(spec)));
            createdWith = fixedFields(spec);
            cluster.event(resource, false, "Created", "schedule " + view.schedule().id() + " created");
            if (!enabled) {
                view = schedules.update(session, view.schedule().id().toString(), new SchedulePatch(false, null, null));
            }
        } else if (!Objects.equals(old == null ? null : old.observedGeneration(), resource.getMetadata().getGeneration())
                || view.schedule().enabled() != enabled || !Objects.equals(view.schedule().count(), spec.count())) {
            view = schedules.update(session, view.schedule().id().toString(),
                    new SchedulePatch(enabled, spec.count(), window(spec)));
        }
        Instant now = clock.instant();
        Schedule schedule = view.schedule();
        boolean fixedChanged = createdWith != null && !createdWith.equals(fixedFields(spec));
        String next = view.active() ? string(view.nextEnd()) : string(view.nextStart());
        List<ConditionStatus> conditions = fixedChanged
                ? Conditions.ready(conditionsOf(old), "False", "ImmutableField", "flavor, image, networks and "
                        + "preemptible cannot change after creation (the schedule keeps " + createdWith
                        + "): delete and re-create the Schedule to change them", clock)
                : Conditions.ready(conditionsOf(old), "True", view.active() ? "WindowOpen" : "WindowClosed",
                        view.active() ? "window open until " + string(view.nextEnd()) + ": " + schedule.wantedAt(now)
                                + " server(s) wanted" : next == null ? "no window ahead"
                                : "next window opens at " + next, clock);
        write(resource, new ScheduleStatus(schedule.deletionRequested() ? "Deleting" : view.active() ? "Active"
                : "Idle", schedule.id().toString(), view.active(), schedule.wantedAt(now), view.servers().size(), next,
                string(view.nextStart()), string(view.nextEnd()), conditions, resource.getMetadata().getGeneration(),
                createdWith));
    }

    private void finalizeDeletion(ScheduleResource resource) {
        if (!resource.hasFinalizer(FINALIZER)) {
            return;
        }
        ScheduleStatus old = resource.getStatus();
        ScheduleSpec spec = resource.getSpec();
        if (old == null || old.scheduleID() == null || spec == null || spec.cloudRef() == null) {
            cluster.removeFinalizer(resource, FINALIZER);
            return;
        }
        try {
            Session session = sessions.sessionFor(resource.getMetadata().getNamespace(), spec.cloudRef());
            ScheduleView view = find(session, old.scheduleID());
            if (view == null) {
                cluster.removeFinalizer(resource, FINALIZER);
                return;
            }
            if (!view.schedule().deletionRequested()) {
                view = schedules.delete(session, old.scheduleID());
                cluster.event(resource, false, "Deleting", "schedule " + old.scheduleID()
                        + " is being deleted: its servers first");
            }
            write(resource, new ScheduleStatus("Deleting", old.scheduleID(), view.active(), 0,
                    view.servers().size(), null, null, null, Conditions.ready(conditionsOf(old), "False", "Deleting",
                    "waiting for the engine to remove " + view.servers().size() + " server(s)", clock),
                    old.observedGeneration(), old.createdWith()));
        } catch (CloudRefException unusable) {
            fail(resource, "Unknown", unusable.reason(), "cannot delete the schedule: " + unusable.getMessage());
        } catch (StackpilotException failed) {
            fail(resource, "Unknown", "DeleteFailed", "cannot delete the schedule: " + failed.getMessage());
        }
    }

    private ScheduleView find(Session session, String ref) {
        try {
            return schedules.get(session, ref);
        } catch (NotFoundException absent) {
            return null;
        }
    }

    private void fail(ScheduleResource resource, String status, String reason, String message) {
        ScheduleStatus old = resource.getStatus();
        List<ConditionStatus> conditions = Conditions.ready(conditionsOf(old), status, reason, message, clock);
        Long generation = "Unknown".equals(status) && old != null ? old.observedGeneration()
                : resource.getMetadata().getGeneration();
        write(resource, old == null
                ? new ScheduleStatus("Failed", null, null, null, null, null, null, null, conditions, generation, null)
                : new ScheduleStatus(old.scheduleID() == null ? "Failed" : old.phase(), old.scheduleID(), old.active(),
                        old.wantedCount(), old.servers(), old.nextChange(), old.nextStart(), old.nextEnd(), conditions,
                        generation, old.createdWith()));
    }

    private void write(ScheduleResource resource, ScheduleStatus next) {
        ScheduleStatus old = resource.getStatus();
        if (next.equals(old)) {
            return;
        }
        ConditionStatus before = old == null ? null : Conditions.find(old.conditions());
        ConditionStatus after = Conditions.find(next.conditions());
        if (after != null && !"True".equals(after.status()) && (before == null
                || !Objects.equals(before.reason(), after.reason()))) {
            cluster.event(resource, true, after.reason(), after.message());
        }
        cluster.writeStatus(resource, next);
    }

    private static WindowRequest window(ScheduleSpec spec) {
        ScheduleSpec.Window window = spec.window();
        return window == null ? null : new WindowRequest(window.days(), window.start(), window.end(),
                window.timeZone(), window.from(), window.until());
    }

    /** The fields fixed at creation, as a short text kept in the status. */
    static String fixedFields(ScheduleSpec spec) {
        return "flavor=" + spec.flavor() + " image=" + spec.image() + " networks=" + String.join(",", spec.networks())
                + " preemptible=" + Boolean.TRUE.equals(spec.preemptible());
    }

    private static List<ConditionStatus> conditionsOf(ScheduleStatus status) {
        return status == null ? null : status.conditions();
    }

    private static boolean createdBefore(Schedule schedule, ScheduleResource resource) {
        String created = resource.getMetadata().getCreationTimestamp();
        return created != null && schedule.createdAt().isBefore(Instant.parse(created));
    }

    private static String string(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
