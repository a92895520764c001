package io.stackpilot.core.managed;

import io.stackpilot.core.compute.Server;
import io.stackpilot.core.compute.ServerStatus;
import io.stackpilot.core.operation.Operation;
import io.stackpilot.core.operation.OperationKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The reconciler's decision for one resource, given the VM found for it and its pending operation: the new status
 * and, when the world must change, the operation to enqueue with its reason. Pure: no I/O, so every rule is tested
 * directly. The rules are listed in docs/desired-state.md.
 */
record Convergence(ManagedServerStatus status, OperationKind enqueue, String reason) {
    /**
     * After an operation failed finally (quota, a bad image), the same spec is tried again only this much later, so
     * a resource that cannot be built does not add an operation every interval; a spec change retries at once.
     */
    static final String OPERATION_FAILED = "OperationFailed";
    static final Duration RETRY_FAILED_AFTER = Duration.ofMinutes(10);

    static Convergence decide(ManagedServer resource, Optional<Server> vm, Optional<Operation> pending,
                              Instant now) {
        ManagedServerStatus observed = observe(resource, vm, now);
        if (!resource.managed()) {
            Phase phase = vm.map(Convergence::followPhase).orElse(Phase.GONE);
            return keep(observed.withPhase(phase), phase == Phase.GONE ? "the observed VM no longer exists" : null);
        }
        if (resource.deletionRequested()) {
            boolean queued = pending.map(op -> op.kind() == OperationKind.DELETE).orElse(false);
            return new Convergence(observed.withPhase(Phase.DELETING), queued ? null : OperationKind.DELETE,
                    "deletion was requested");
        }
        if (pending.isPresent()) {
            return keep(observed.withPhase(Phase.CREATING), null);
        }
        if (vm.isEmpty() && failedRecently(resource, now)) {
            return keep(observed, null);
        }
        if (vm.isEmpty()) {
            String previous = resource.status().serverId();
            if (previous != null && !resource.reconcile()) {
                return keep(failed(observed, "ServerMissing", "VM " + previous + " is gone and reconcile is off",
                        now), null);
            }
            return new Convergence(observed.withPhase(Phase.CREATING), OperationKind.CREATE, previous == null
                    ? "no VM exists for the declared server" : "VM " + previous + " disappeared (deleted out of band)");
        }
        Server server = vm.get();
        if (server.status() == ServerStatus.ERROR) {
            return resource.reconcile()
                    ? new Convergence(observed.withPhase(Phase.CREATING), OperationKind.REPLACE,
                            "VM " + server.id().value() + " is in ERROR")
                    : keep(failed(observed, "ServerError", "VM is in ERROR and reconcile is off", now), null);
        }
        if (!SpecFingerprint.matches(server, resource.spec())) {
            if (resource.spec().updatePolicy() == UpdatePolicy.REPLACE && resource.reconcile()) {
                return new Convergence(observed.withPhase(Phase.CREATING), OperationKind.REPLACE, "spec generation "
                        + resource.generation() + " changed flavor, image or networks (update_policy replace)");
            }
            return keep(observed.withPhase(Phase.DRIFTED).withCondition(new Condition("Drifted", true,
                    "SpecNotAppliedInPlace", "flavor, image or networks changed; update_policy is manual or "
                            + "reconcile is off, so the VM is left alone", now)), null);
        }
        Phase phase = server.status() == ServerStatus.BUILD ? Phase.CREATING : Phase.READY;
        ManagedServerStatus current = withGeneration(observed.withPhase(phase), resource.generation());
        return keep(current.withCondition(new Condition("Ready", server.status() == ServerStatus.ACTIVE,
                "Server" + server.status().name(), "VM " + server.id().value() + " is " + server.status(), now)),
                null);
    }

    private static boolean failedRecently(ManagedServer resource, Instant now) {
        ManagedServerStatus status = resource.status();
        return status.phase() == Phase.FAILED && status.observedGeneration() == resource.generation()
                && status.conditions().stream().anyMatch(c -> c.reason().equals(OPERATION_FAILED)
                        && now.isBefore(c.at().plus(RETRY_FAILED_AFTER)));
    }

    private static Convergence keep(ManagedServerStatus status, String reason) {
        return new Convergence(status, null, reason);
    }

    private static Phase followPhase(Server server) {
        return switch (server.status()) {
            case ERROR -> Phase.FAILED;
            case BUILD -> Phase.CREATING;
            default -> Phase.READY;
        };
    }

    private static ManagedServerStatus observe(ManagedServer resource, Optional<Server> vm, Instant now) {
        ManagedServerStatus before = resource.status();
        return new ManagedServerStatus(before.phase(), before.observedGeneration(),
                vm.map(s -> s.id().value()).orElse(before.serverId()), vm.map(Server::status).orElse(null),
                vm.map(Server::addresses).orElse(List.of()), vm.map(Server::location).orElse(before.location()),
                before.conditions(), now, before.placement());
    }

    private static ManagedServerStatus withGeneration(ManagedServerStatus status, long generation) {
        return new ManagedServerStatus(status.phase(), generation, status.serverId(), status.serverStatus(),
                status.addresses(), status.location(), status.conditions(), status.lastReconciledAt(),
                status.placement());
    }

    private static ManagedServerStatus failed(ManagedServerStatus status, String reason, String message,
                                              Instant now) {
        return status.withPhase(Phase.FAILED).withCondition(new Condition("Ready", false, reason, message, now));
    }
}
