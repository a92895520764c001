package io.stackpilot.core.managed;

import io.stackpilot.core.common.Location;
import io.stackpilot.core.compute.ComputeGateway;
import io.stackpilot.core.compute.Server;
import io.stackpilot.core.compute.ServerStatus;
import io.stackpilot.core.error.QuotaExceededException;
import io.stackpilot.core.error.UpstreamTimeoutException;
import io.stackpilot.core.identity.Session;
import io.stackpilot.core.operation.Operation;
import io.stackpilot.core.operation.OperationKind;
import io.stackpilot.core.placement.Placement;
import io.stackpilot.core.placement.PlacementStatus;
import io.stackpilot.core.placement.Tried;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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

    /** How long a delete waits for Nova to finish deleting before it retries later, and how often it looks. */
    static final Duration DELETE_WAIT = Duration.ofSeconds(60);
    private static final Duration DELETE_POLL = Duration.ofMillis(500);

    private final Operation operation;
    private final ManagedServer resource;
    private final Session session;
    private final ServerActions actions;
    private final ComputeGateway compute;
    private final ManagedServerRepository resources;
    private final EngineAuditSink audit;
    private final Runnable holdClaim;
    private final Clock clock;
    private final EngineLocations where;

    OperationRun(Operation operation, ManagedServer resource, Session session, ServerActions actions,
                 ComputeGateway compute, ManagedServerRepository resources, EngineAuditSink audit,
                 Runnable holdClaim, Clock clock, EngineLocations where) {
        this.where = where;
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

    /** A VM of the resource with the location it is in (null: the owner's own cloud) and that location's session. */
    private record Located(Server server, Session session, Location location) {
    }

    private void converge() {
        if (!resource.managed() || resource.deletionRequested()) {
            return;
        }
        List<Located> mine = located();
        Optional<Located> good = mine.stream().filter(vm -> OwnedServers.isGood(vm.server(), resource)).findFirst();
        // A VM that found no host is replaced through the launcher, which may make room first (preemption). Nova's
        // server list leaves the fault out, so an ERROR VM is read once more to see why it failed.
        Optional<Located> noHost = good.isPresent() ? Optional.empty()
                : mine.stream().filter(vm -> vm.server().status() == ServerStatus.ERROR)
                        .map(vm -> vm.server().fault() != null ? vm : new Located(compute.findServer(vm.session(),
                                vm.server().id()).orElse(vm.server()), vm.session(), vm.location()))
                        .filter(vm -> vm.server().failedForLackOfCapacity()).findFirst();
        for (Located stale : mine.stream().filter(vm -> !OwnedServers.isGood(vm.server(), resource))
                .filter(vm -> noHost.map(failed -> !failed.server().id().equals(vm.server().id())).orElse(true))
                .toList()) {
            holdClaim.run();
            boolean deleted = actions.delete(stale.session(), stale.server());
            record("delete", stale.server().id().value(), "Deleted", "deleted VM " + stale.server().id().value()
                    + " (" + stale.server().status() + ", " + (deleted ? "" : "already gone, ") + "replaced): "
                    + operation.reason());
        }
        Server server;
        Spill.Placed placed = null;
        if (good.isPresent()) {
            server = good.get().server();
            record("adopt", server.id().value(), "Adopted", "VM " + server.id().value()
                    + " already carries this resource's marker (created by an earlier attempt); kept, not duplicated");
        } else if (noHost.isPresent() && where.spillsOnNoHost(resource)) {
            placed = spillAfterNoHost(noHost.get());
            server = placed.server();
        } else if (noHost.isPresent()) {
            Server failed = noHost.get().server();
            holdClaim.run();
            server = actions.bootInPlaceOf(noHost.get().session(), resource, failed);
            record("delete", failed.id().value(), "Deleted", "deleted VM " + failed.id().value()
                    + " (ERROR: no host had room) to boot it again: " + operation.reason());
            record("boot", server.id().value(), "Replaced", "booted VM " + server.id().value() + " in place of "
                    + failed.id().value() + ", which found no host: " + operation.reason());
        } else if (where.placed(resource)) {
            placed = spill(List.of());
            server = placed.server();
        } else {
            holdClaim.run();
            server = actions.boot(session, resource);
            record("boot", server.id().value(), operation.kind() == OperationKind.REPLACE ? "Replaced" : "Created",
                    "booted VM " + server.id().value() + ": " + operation.reason());
        }
        Spill.Placed outcome = placed;
        resources.findById(resource.id()).ifPresent(current -> {
            ManagedServerStatus status = new ManagedServerStatus(Phase.CREATING,
                    current.status().observedGeneration(), server.id().value(), server.status(), server.addresses(),
                    server.location(), current.status().conditions(), current.status().lastReconciledAt(),
                    outcome == null ? current.status().placement() : outcome.status());
            resources.saveStatus(current.id(), outcome == null ? status
                    : status.withFreshCondition(outcome.condition(clock.instant())));
        });
    }

    /**
     * Nova accepted the create but the VM found no host (ERROR "No valid host was found"): with a placement over
     * several locations it is deleted and the next location tried, as when the create itself is refused. Locations
     * where a VM of this resource found no host within {@link Convergence#RETRY_FAILED_AFTER} are not tried again.
     */
    private Spill.Placed spillAfterNoHost(Located failed) {
        holdClaim.run();
        actions.delete(failed.session(), failed.server());
        String location = where.nameOf(failed.location());
        record("delete", failed.server().id().value(), "Deleted", "deleted VM " + failed.server().id().value()
                + " in " + location + " (ERROR: no host had room) to try the next location: " + operation.reason());
        Tried noHost = new Tried(location, Spill.NO_HOST + " (" + failed.server().fault() + ")", clock.instant());
        record("spill", null, "Spilled", "not placed in " + noHost);
        List<Tried> earlier = new ArrayList<>();
        PlacementStatus before = resource.status().placement();
        if (before != null) {
            Instant since = clock.instant().minus(Convergence.RETRY_FAILED_AFTER);
            before.tried().stream().filter(tried -> tried.reason().startsWith(Spill.NO_HOST))
                    .filter(tried -> tried.at().isAfter(since) && !tried.location().equals(location))
                    .forEach(earlier::add);
        }
        earlier.add(noHost);
        return spill(earlier);
    }

    /**
     * Boots in the placement's first location that takes the VM. When none does, the status names every location
     * tried before the operation fails.
     */
    private Spill.Placed spill(List<Tried> earlier) {
        Spill spill = new Spill(resource, where, actions, compute, session, holdClaim, clock, earlier,
                tried -> record("spill", null, "Spilled", "not placed in " + tried));
        Spill.Placed outcome;
        try {
            outcome = spill.place();
        } catch (QuotaExceededException full) {
            Placement placement = where.placement(resource);
            resources.findById(resource.id()).ifPresent(current -> resources.saveStatus(current.id(),
                    current.status().withPlacement(new PlacementStatus(null, placement.strategy(), spill.tried()))));
            throw full;
        }
        record("boot", outcome.server().id().value(), operation.kind() == OperationKind.REPLACE ? "Replaced"
                : "Created", "booted VM " + outcome.server().id().value() + " in " + outcome.location() + ": "
                + operation.reason());
        return outcome;
    }

    /** Every VM of the resource, wherever its placement allows it to be (one server list per location). */
    private List<Located> located() {
        List<Located> found = new ArrayList<>();
        for (Location location : where.searchIn(resource)) {
            Session in = location == null ? session : where.open(resource.projectId(), location);
            OwnedServers.list(compute, in, resource.projectId()).of(resource)
                    .forEach(server -> found.add(new Located(server, in, location)));
        }
        return found;
    }

    private void remove() {
        if (resource.managed()) {
            List<Located> deleting = new ArrayList<>();
            for (Located vm : located()) {
                holdClaim.run();
                boolean deleted = actions.delete(vm.session(), vm.server());
                record("delete", vm.server().id().value(), "Deleted", "deleted VM " + vm.server().id().value()
                        + (deleted ? "" : " (already gone)") + ": " + operation.reason());
                if (deleted) {
                    deleting.add(vm);
                }
            }
            awaitGone(deleting);
        }
        record("forget", null, "Removed", "removed the record: " + operation.reason());
        resources.delete(resource.id());
    }

    /**
     * Nova deletes asynchronously: its 204 leaves the VM listed (ACTIVE, task "deleting") for a while. The record is
     * forgotten only when every VM is gone, so that whoever waits for the record to disappear (a Kubernetes finalizer,
     * a client polling GET) knows the VM is gone too. A VM still there after {@link #DELETE_WAIT} makes the operation
     * retry later (an upstream timeout); the retry deletes again, which Nova accepts.
     */
    private void awaitGone(List<Located> deleting) {
        long deadline = System.nanoTime() + DELETE_WAIT.toNanos();
        List<Located> left = deleting;
        while (true) {
            left = left.stream().filter(vm -> compute.findServer(vm.session(), vm.server().id())
                    .filter(server -> server.status() != ServerStatus.DELETED
                            && server.status() != ServerStatus.SOFT_DELETED).isPresent()).toList();
            if (left.isEmpty()) {
                return;
            }
            if (System.nanoTime() >= deadline) {
                throw new UpstreamTimeoutException("compute", "VM " + left.get(0).server().id().value()
                        + " is still being deleted after " + DELETE_WAIT.toSeconds() + " s", null, null);
            }
            holdClaim.run();
            try {
                Thread.sleep(DELETE_POLL);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a VM to be deleted", interrupted);
            }
        }
    }

    private void record(String action, String serverId, String reason, String message) {
        String replica = operation.claimedBy();
        resources.appendEvent(new ManagedServerEvent(resource.id(), clock.instant(), reason, message,
                operation.actor(), operation.id()));
        audit.record(new EngineAction(clock.instant(), replica, operation.id(), operation.projectId(), resource.id(),
                serverId, action, message, session.trace().requestIds()));
    }
}
