package io.stackpilot.core.managed;

import io.stackpilot.core.compute.ComputeGateway;
import io.stackpilot.core.compute.Server;
import io.stackpilot.core.compute.ServerStatus;
import io.stackpilot.core.identity.Session;
import io.stackpilot.core.operation.Operation;
import io.stackpilot.core.operation.OperationKind;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** One claimed operation carried out on one resource; see {@link OperationExecutor}. Not thread-safe; used once. */
final class OperationRun {
    /** The claim ended and another replica took the operation over: stop without recording anything. */
    static final class ClaimLost extends RuntimeException {
        ClaimLost() {
            super("the operation's claim was lost", null, false, false);
        }
    }

    private final Operation operation;
    private final ManagedServer resource;
    private final Session session;
    private final ServerActions actions;
    private final ComputeGateway compute;
    private final ManagedServerRepository resources;
    private final EngineAuditSink audit;
    private final Runnable holdClaim;
    private final Clock clock;

    OperationRun(Operation operation, ManagedServer resource, Session session, ServerActions actions,
                 ComputeGateway compute, ManagedServerRepository resources, EngineAuditSink audit,
                 Runnable holdClaim, Clock clock) {
        this.operation = operation;
        this.resource = resource;
        this.session = session;
        this.actions = actions;
        this.compute = compute;
        this.resources = resources;
        this.audit = audit;
        this.holdClaim = holdClaim;
        this.clock = clock;
    }

    void execute() {
        switch (operation.kind()) {
            case CREATE, REPLACE -> converge();
            case DELETE -> remove();
            case PREEMPT, ASSOCIATE_FLOATING_IP -> throw new IllegalStateException(operation.kind().wireName()
                    + " operations are run by OperationExecutor, not on a managed server");
        }
    }

    private void converge() {
        if (!resource.managed() || resource.deletionRequested()) {
            return;
        }
        List<Server> mine = OwnedServers.list(compute, session, resource.projectId()).of(resource);
        Optional<Server> good = mine.stream().filter(s -> OwnedServers.isGood(s, resource)).findFirst();
        // A VM that found no host is replaced through the launcher, which may make room first (preemption). Nova's
        // server list leaves the fault out, so an ERROR VM is read once more to see why it failed.
        Optional<Server> noHost = good.isPresent() ? Optional.empty()
                : mine.stream().filter(s -> s.status() == ServerStatus.ERROR)
                        .map(s -> s.fault() != null ? s : compute.findServer(session, s.id()).orElse(s))
                        .filter(Server::failedForLackOfCapacity).findFirst();
        for (Server stale : mine.stream().filter(s -> !OwnedServers.isGood(s, resource))
                .filter(s -> noHost.map(failed -> !failed.id().equals(s.id())).orElse(true)).toList()) {
            holdClaim.run();
            boolean deleted = actions.delete(session, stale);
            record("delete", stale.id().value(), "Deleted" , "deleted VM " + stale.id().value() + " ("
                    + stale.status() + ", " + (deleted ? "" : "already gone, ") + "replaced): " + operation.reason());
        }
        Server server;
        if (good.isPresent()) {
            server = good.get();
            record("adopt", server.id().value(), "Adopted", "VM " + server.id().value()
                    + " already carries this resource's marker (created by an earlier attempt); kept, not duplicated");
        } else if (noHost.isPresent()) {
            holdClaim.run();
            server = actions.bootInPlaceOf(session, resource, noHost.get());
            record("delete", noHost.get().id().value(), "Deleted", "deleted VM " + noHost.get().id().value()
                    + " (ERROR: no host had room) to boot it again: " + operation.reason());
            record("boot", server.id().value(), "Replaced", "booted VM " + server.id().value() + " in place of "
                    + noHost.get().id().value() + ", which found no host: " + operation.reason());
        } else {
            holdClaim.run();
            server = actions.boot(session, resource);
            record("boot", server.id().value(), operation.kind() == OperationKind.REPLACE ? "Replaced" : "Created",
                    "booted VM " + server.id().value() + ": " + operation.reason());
        }
        resources.findById(resource.id()).ifPresent(current -> resources.saveStatus(current.id(),
                new ManagedServerStatus(Phase.CREATING, current.status().observedGeneration(), server.id().value(),
                        server.status(), server.addresses(), server.location(), current.status().conditions(),
                        current.status().lastReconciledAt())));
    }

    private void remove() {
        if (resource.managed()) {
            for (Server server : OwnedServers.list(compute, session, resource.projectId()).of(resource)) {
                holdClaim.run();
                boolean deleted = actions.delete(session, server);
                record("delete", server.id().value(), "Deleted", "deleted VM " + server.id().value()
                        + (deleted ? "" : " (already gone)") + ": " + operation.reason());
            }
        }
        record("forget", null, "Removed", "removed the record: " + operation.reason());
        resources.delete(resource.id());
    }

    private void record(String action, String serverId, String reason, String message) {
        String replica = operation.claimedBy();
        resources.appendEvent(new ManagedServerEvent(resource.id(), clock.instant(), reason, message,
                operation.actor(), operation.id()));
        audit.record(new EngineAction(clock.instant(), replica, operation.id(), operation.projectId(), resource.id(),
                serverId, action, message, session.trace().requestIds()));
    }
}
