package io.stackpilot.core.managed;

import io.stackpilot.core.error.NotFoundException;
import io.stackpilot.core.compute.ServerId;
import io.stackpilot.core.compute.Server;
import io.stackpilot.core.operation.OperationKind;
import io.stackpilot.core.compute.ComputeGateway;
import io.stackpilot.core.error.StackpilotException;
import io.stackpilot.core.error.UpstreamException;
import io.stackpilot.core.identity.Session;
import io.stackpilot.core.operation.Backoff;
import io.stackpilot.core.operation.Operation;
import io.stackpilot.core.operation.OperationRepository;
import io.stackpilot.core.reach.FloatingIpAssignment;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs the due operations this replica claims: create and replace converge the target to one good VM (adopting a
 * VM that already carries the marker, so a crash between boot and record never leads to a second VM), delete
 * removes the VM and then the record. Upstream faults are retried with {@link Backoff}; any other fault fails the
 * operation finally with its reason. Before each mutating cloud call the claim is renewed; a replica that lost it
 * stops. Thread-safe if its ports are.
 *
 * <p>Per location: the claim hands out at most {@link ReconcileSettings#locationConcurrency()} operations of one
 * location running at once over all replicas, and the operations one claim took run side by side (one virtual
 * thread each). When the cloud answers 429 or 503 the operation waits for the time it named ({@code Retry-After}),
 * else its backoff, and the whole location is paused until then, so that its other operations wait too.
 */
public final class OperationExecutor {
    private final ManagedServerRepository resources;
    private final OperationRepository operations;
    private final ComputeGateway compute;
    private final EngineLauncher launcher;
    private final ProjectSessions sessions;
    private final EngineAuditSink audit;
    private final ReconcileSettings settings;
    private final Backoff backoff;
    private final Clock clock;
    private final FloatingIpOperation floatingIps;
    private final EngineLocations where;
    private final RetryWait retryWait;

    /**
     * {@code floatingIps} gives launched servers their floating IPs ({@code associate-floating-ip} operations); the
     * daemon passes one over its network gateway.
     */
    public OperationExecutor(ManagedServerRepository resources, OperationRepository operations,
                             ComputeGateway compute, ProjectSessions sessions, EngineAuditSink audit,
                             ReconcileSettings settings, Backoff backoff, Clock clock,
                             FloatingIpAssignment floatingIps) {
        this(resources, operations, compute, EngineLauncher.plain(compute), sessions, audit, settings, backoff, clock,
                floatingIps);
    }

    /** With {@code launcher} booting the VMs (the daemon's: the preemption policy, issue 16). */
    public OperationExecutor(ManagedServerRepository resources, OperationRepository operations,
                             ComputeGateway compute, EngineLauncher launcher, ProjectSessions sessions,
                             EngineAuditSink audit, ReconcileSettings settings, Backoff backoff, Clock clock,
                             FloatingIpAssignment floatingIps) {
        this(resources, operations, compute, launcher, sessions, audit, settings, backoff, clock, floatingIps,
                EngineLocations.homeOnly(sessions));
    }

    /** Also placing managed servers over the configured locations {@code where} (issue 17). */
    public OperationExecutor(ManagedServerRepository resources, OperationRepository operations,
                             ComputeGateway compute, EngineLauncher launcher, ProjectSessions sessions,
                             EngineAuditSink audit, ReconcileSettings settings, Backoff backoff, Clock clock,
                             FloatingIpAssignment floatingIps, EngineLocations where) {
        this.where = where;
        this.retryWait = new RetryWait(operations, backoff, clock);
        this.floatingIps = new FloatingIpOperation(floatingIps, operations, sessions, settings, retryWait, clock);
        this.resources = resources;
        this.operations = operations;
        this.compute = compute;
        this.launcher = launcher;
        this.sessions = sessions;
        this.audit = audit;
        this.settings = settings;
        this.backoff = backoff;
        this.clock = clock;
    }

    /**
     * Claims up to {@code limit} due operations (within each location's concurrency) and runs them side by side;
     * returns how many it claimed once all have ended.
     */
    public int runDue(int limit) {
        List<Operation> claimed = operations.claimDue(settings.replica(), clock.instant(), settings.lease(), limit,
                settings.locationConcurrency());
        if (claimed.size() == 1) {
            run(claimed.getFirst());
        } else if (!claimed.isEmpty()) {
            List<Future<?>> runs;
            try (ExecutorService side = Executors.newVirtualThreadPerTaskExecutor()) {
                runs = claimed.stream().<Future<?>>map(operation -> side.submit(() -> run(operation))).toList();
            }
            rethrowFirstFailure(runs);
        }
        return claimed.size();
    }

    /** As when they ran one after another: an unexpected fault reaches the caller (the others still ran). */
    private static void rethrowFirstFailure(List<Future<?>> runs) {
        for (Future<?> run : runs) {
            try {
                run.get();
            } catch (ExecutionException failed) {
                if (failed.getCause() instanceof RuntimeException unexpected) {
                    throw unexpected;
                }
                if (failed.getCause() instanceof Error error) {
                    throw error;
                }
                throw new IllegalStateException(failed.getCause());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void run(Operation operation) {
        if (operation.kind() == OperationKind.PREEMPT) {
            preempt(operation);
            return;
        }
        if (operation.kind() == OperationKind.ASSOCIATE_FLOATING_IP) {
            floatingIps.run(operation, () -> holdClaim(operation));
            return;
        }
        Optional<ManagedServer> target = resources.findById(operation.target());
        if (target.isEmpty() || !target.get().projectId().equals(operation.projectId())) {
            // The record was removed (or never was this project's): there is nothing left to act on.
            operations.complete(operation.id(), settings.replica(), clock.instant());
            return;
        }
        ManagedServer resource = target.get();
        OperationRun run = null;
        try {
            Session session = OwnerSession.open(sessions, operation.projectId());
            run = new OperationRun(operation, resource, session, new ServerActions(compute, launcher), compute,
                    resources, audit, () -> holdClaim(operation), clock, where);
            run.execute();
            operations.complete(operation.id(), settings.replica(), clock.instant());
        } catch (OperationRun.ClaimLost lost) {
            // Another replica runs it now; it records the outcome.
        } catch (UpstreamException retryable) {
            retryOrFail(operation, resource, retryable);
        } catch (StackpilotException | IllegalArgumentException | IllegalStateException fault) {
            failFinally(operation, resource, fault.getMessage());
        } finally {
            resources.dueBy(resource.id(), clock.instant());
        }
    }

    /**
     * A {@code preempt} operation names a VM (its target is the VM's id): the request that evicts deletes it at once;
     * the operation makes sure it is gone even when that replica died first, and releases the floating IPs the
     * engine gave it at launch. Only a preemptible VM of the operation's project is ever deleted.
     */
    private void preempt(Operation operation) {
        try {
            Session session = OwnerSession.open(sessions, operation.projectId());
            ServerId victim = new ServerId(operation.target().toString());
            Optional<Server> present = compute.findServer(session, victim)
                    .filter(server -> server.projectId().equals(operation.projectId()) && server.preemptible());
            if (present.isPresent()) {
                holdClaim(operation);
                try {
                    compute.delete(session, victim);
                } catch (NotFoundException gone) {
                    // deleted meanwhile: what the operation wanted
                }
            }
            // A floating IP asked for at launch would stay allocated: Neutron only disassociates it.
            floatingIps.releaseFor(session, operation.projectId(), victim);
            operations.complete(operation.id(), settings.replica(), clock.instant());
        } catch (OperationRun.ClaimLost lost) {
            // Another replica runs it now.
        } catch (UpstreamException retryable) {
            if (backoff.mayRetryAfter(operation.attempts())) {
                operations.retryAt(operation.id(), settings.replica(), retryable.getMessage(),
                        retryWait.after(operation, retryable));
            } else {
                operations.fail(operation.id(), settings.replica(), retryable.getMessage(), clock.instant());
            }
        } catch (StackpilotException fault) {
            operations.fail(operation.id(), settings.replica(), fault.getMessage(), clock.instant());
        }
    }

    private void holdClaim(Operation operation) {
        if (!operations.renew(operation.id(), settings.replica(), clock.instant().plus(settings.lease()))) {
            throw new OperationRun.ClaimLost();
        }
    }

    private void retryOrFail(Operation operation, ManagedServer resource, UpstreamException fault) {
        int attempt = operation.attempts();
        if (!backoff.mayRetryAfter(attempt)) {
            failFinally(operation, resource, "gave up after " + attempt + " attempts: " + fault.getMessage());
            return;
        }
        Instant retryAt = retryWait.after(operation, fault);
        if (operations.retryAt(operation.id(), settings.replica(), fault.getMessage(), retryAt)) {
            resources.appendEvent(new ManagedServerEvent(resource.id(), clock.instant(), "Retrying",
                    operation.kind().wireName() + " attempt " + attempt + " failed (" + fault.getMessage()
                            + "); next attempt at " + retryAt, actor(operation), operation.id()));
        }
    }

    private void failFinally(Operation operation, ManagedServer resource, String reason) {
        Instant now = clock.instant();
        if (!operations.fail(operation.id(), settings.replica(), reason, now)) {
            return;
        }
        resources.findById(resource.id()).ifPresent(current -> resources.saveStatus(current.id(),
                failed(current, operation.kind().wireName() + " failed: " + reason, now)));
        resources.appendEvent(new ManagedServerEvent(resource.id(), now, "Failed", operation.kind().wireName()
                + " failed: " + reason, actor(operation), operation.id()));
        audit.record(new EngineAction(now, settings.replica(), operation.id(), operation.projectId(), resource.id(),
                resource.status().serverId(), "fail", reason, List.of()));
    }

    /** Failed for the current generation: the reconciler retries the same spec only after a while. */
    private static ManagedServerStatus failed(ManagedServer current, String message, Instant now) {
        ManagedServerStatus status = current.status();
        return new ManagedServerStatus(Phase.FAILED, current.generation(), status.serverId(), status.serverStatus(),
                status.addresses(), status.location(), status.conditions(), status.lastReconciledAt(),
                status.placement()).withFreshCondition(new Condition("Ready", false, Convergence.OPERATION_FAILED,
                message, now));
    }

    private String actor(Operation operation) {
        return "replica:" + settings.replica() + " operation:" + operation.id();
    }
}
