package io.stackpilot.kubernetes;

import io.stackpilot.core.error.ForbiddenException;
import io.stackpilot.core.error.StackpilotException;
import io.stackpilot.core.error.UpstreamException;
import io.stackpilot.core.flavor.FlavorInitializer;
import io.stackpilot.core.flavor.FlavorShape;
import io.stackpilot.core.identity.Session;
import io.stackpilot.kubernetes.crd.FlavorResource;
import io.stackpilot.kubernetes.crd.FlavorSpec;
import io.stackpilot.kubernetes.crd.FlavorStatus;
import io.stackpilot.kubernetes.crd.ServerStatus.ConditionStatus;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Brings one Flavor custom resource and the cloud's flavor together through the core's {@link FlavorInitializer},
 * the use case that creates STACKPILOT_INIT_FLAVORS (one replica at a time under the database's cluster lock), with
 * the daemon's service account (creating flavors needs the cloud's admin role; who may write Flavor objects is the
 * cluster's RBAC, a cluster-scoped kind for cluster admins). A flavor of that name with the wanted shape is adopted;
 * one with another shape is left unchanged and reported (Ready=False, ShapeMismatch, a Warning Event); a missing one
 * is created, again after an out-of-band delete. Deleting the object never deletes the flavor (deletionPolicy
 * Retain, the only one): servers may still use it, in projects the controller cannot see. Thread-safe when each
 * object is reconciled by one thread at a time.
 */
final class FlavorReconciler {
    static final String CREATED = "Created";
    static final String ADOPTED = "Adopted";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final FlavorInitializer initializer;
    private final Supplier<Session> serviceSession;
    private final ResourceWrites cluster;
    private final Clock clock;

    FlavorReconciler(FlavorInitializer initializer, Supplier<Session> serviceSession, ResourceWrites cluster,
                     Clock clock) {
        this.initializer = initializer;
        this.serviceSession = serviceSession;
        this.cluster = cluster;
        this.clock = clock;
    }

    /** One pass; safe to repeat (the initializer lists before it creates). */
    void reconcile(FlavorResource flavor) {
        if (flavor.getMetadata().getDeletionTimestamp() != null) {
            return;
        }
        FlavorSpec spec = flavor.getSpec();
        String name = spec == null || spec.name() == null ? flavor.getMetadata().getName() : spec.name();
        String problem = problem(name, spec);
        if (problem != null) {
            write(flavor, "Failed", null, "False", "InvalidSpec", problem);
            return;
        }
        FlavorShape shape = new FlavorShape(name, spec.vcpus(), spec.ramMiB(), spec.diskGiB());
        FlavorInitializer.Result result;
        try {
            // The error names the object the user wrote, not the daemon's STACKPILOT_INIT_FLAVORS.
            result = initializer.initialize(serviceSession.get(), List.of(shape),
                    "Flavor " + flavor.getMetadata().getName()).get(0);
        } catch (ForbiddenException forbidden) {
            write(flavor, "Failed", null, "False", "Forbidden", forbidden.getMessage());
            return;
        } catch (UpstreamException unavailable) {
            write(flavor, phase(flavor), null, "Unknown", "CloudUnavailable", unavailable.getMessage());
            return;
        } catch (StackpilotException failed) {
            write(flavor, "Failed", null, "False", "Failed", failed.getMessage());
            return;
        }
        FlavorStatus old = flavor.getStatus();
        String id = result.flavor().id();
        switch (result.outcome()) {
            case CREATED -> write(flavor, "Ready", CREATED, "True", CREATED, result.describe(), id);
            case PRESENT -> {
                boolean known = old != null && id.equals(old.flavorID()) && old.origin() != null;
                ConditionStatus before = old == null ? null : Conditions.find(old.conditions());
                // The flavor this object made or adopted, still there: the status stays as it is.
                String message = known && before != null && "True".equals(before.status()) ? before.message()
                        : result.describe();
                write(flavor, "Ready", known ? old.origin() : ADOPTED, "True", known ? old.origin() : ADOPTED,
                        message, id);
            }
            case SHAPE_MISMATCH -> write(flavor, "Conflict", null, "False", "ShapeMismatch", result.describe(), id);
            default -> throw new IllegalStateException(result.outcome().name());
        }
    }

    private static String problem(String name, FlavorSpec spec) {
        if (spec == null || spec.vcpus() == null || spec.ramMiB() == null || spec.diskGiB() == null) {
            return "spec.vcpus, spec.ramMiB and spec.diskGiB are required";
        }
        if (!NAME.matcher(name).matches()) {
            return "the flavor name " + name + " must be 1-64 letters, digits, '.', '_' or '-', starting with a letter"
                    + " or digit";
        }
        if (spec.vcpus() < 1 || spec.ramMiB() < 1 || spec.diskGiB() < 0) {
            return "spec.vcpus and spec.ramMiB must be at least 1, spec.diskGiB at least 0";
        }
        if (spec.deletionPolicy() != null && !FlavorSpec.RETAIN.equals(spec.deletionPolicy())) {
            return "spec.deletionPolicy must be Retain (a flavor is never deleted with its object)";
        }
        return null;
    }

    private static String phase(FlavorResource flavor) {
        return flavor.getStatus() == null || flavor.getStatus().phase() == null ? "Pending" : flavor.getStatus().phase();
    }

    private void write(FlavorResource flavor, String phase, String origin, String status, String reason,
                       String message) {
        FlavorStatus old = flavor.getStatus();
        write(flavor, phase, origin, status, reason, message, old == null ? null : old.flavorID());
    }

    private void write(FlavorResource flavor, String phase, String origin, String status, String reason,
                       String message, String flavorId) {
        FlavorStatus old = flavor.getStatus();
        List<ConditionStatus> conditions = Conditions.ready(old == null ? null : old.conditions(), status, reason,
                message, clock);
        Long generation = "Unknown".equals(status) && old != null ? old.observedGeneration()
                : flavor.getMetadata().getGeneration();
        FlavorStatus next = new FlavorStatus(phase, flavorId, origin != null ? origin
                : old != null && Objects.equals(old.flavorID(), flavorId) ? old.origin() : null, conditions, generation);
        if (next.equals(old)) {
            return;
        }
        ConditionStatus before = old == null ? null : Conditions.find(old.conditions());
        if (before == null || !before.reason().equals(reason)) {
            cluster.event(flavor, "False".equals(status), reason, message);
        }
        cluster.writeStatus(flavor, next);
    }
}
