package io.stackpilot.core.managed;

import io.stackpilot.core.common.Location;
import io.stackpilot.core.compute.ComputeGateway;
import io.stackpilot.core.error.StackpilotException;
import io.stackpilot.core.identity.Session;
import io.stackpilot.core.operation.Operation;
import io.stackpilot.core.operation.OperationRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Compares each due managed server with the cloud and converges: writes its status and enqueues the operation that
 * makes the world match the spec (it never calls a mutating cloud API itself; {@code OperationExecutor} does).
 * Every replica runs it; the repository's claims make one replica work on one resource at a time. Observing costs
 * ONE paged server list per owner project per pass, through the service account scoped to that project.
 * Thread-safe if its ports are.
 */
public final class Reconciler {
    private final ManagedServerRepository resources;
    private final OperationRepository operations;
    private final ComputeGateway compute;
    private final ProjectSessions sessions;
    private final ReconcileSettings settings;
    private final Clock clock;
    private final EngineLocations where;

    public Reconciler(ManagedServerRepository resources, OperationRepository operations, ComputeGateway compute,
                      ProjectSessions sessions, ReconcileSettings settings, Clock clock) {
        this(resources, operations, compute, sessions, settings, clock, EngineLocations.homeOnly(sessions));
    }

    /** Also observing placed managed servers in every location their placement allows (issue 17). */
    public Reconciler(ManagedServerRepository resources, OperationRepository operations, ComputeGateway compute,
                      ProjectSessions sessions, ReconcileSettings settings, Clock clock, EngineLocations where) {
        this.where = where;
        this.resources = resources;
        this.operations = operations;
        this.compute = compute;
        this.sessions = sessions;
        this.settings = settings;
        this.clock = clock;
    }

    /** Claims the due resources (at most the batch size), reconciles them and releases them until the next interval. */
    public ReconcilePass reconcileDue() {
        Instant now = clock.instant();
        List<ManagedServer> claimed = resources.claimDue(settings.replica(), now, settings.lease(),
                settings.batchSize());
        Map<String, List<ManagedServer>> byProject = new LinkedHashMap<>();
        claimed.forEach(r -> byProject.computeIfAbsent(r.projectId(), p -> new ArrayList<>()).add(r));
        int enqueued = 0;
        int unobserved = 0;
        for (Map.Entry<String, List<ManagedServer>> project : byProject.entrySet()) {
            Observed observed = observe(project.getKey(), project.getValue());
            List<ManagedServer> decidable = new ArrayList<>();
            for (ManagedServer resource : project.getValue()) {
                Optional<Map.Entry<Location, StackpilotException>> blind = observed.blindSpot(resource);
                if (blind.isPresent()) {
                    unobservable(resource, blind.get().getKey(), blind.get().getValue(), now);
                } else {
                    decidable.add(resource);
                }
            }
            if (decidable.isEmpty()) {
                unobserved++;
                continue;
            }
            enqueued += reconcile(decidable, observed.servers(), now);
        }
        return new ReconcilePass(claimed.size(), byProject.size() - unobserved, enqueued, unobserved);
    }

    /**
     * The project's VMs as far as they could be listed, and the locations that could not be (with the fault). A
     * resource can be decided when its VM was found, or when every location it may be in was listed: a location
     * that is down must not make the engine boot a second VM elsewhere, nor hold up the project's other resources.
     */
    private record Observed(OwnedServers servers, Map<Location, StackpilotException> down, EngineLocations where) {
        Optional<Map.Entry<Location, StackpilotException>> blindSpot(ManagedServer resource) {
            if (down.isEmpty() || servers.current(resource).isPresent()) {
                return Optional.empty();
            }
            // a loop, not a stream: the owner's own cloud is named null
            for (Location location : where.searchIn(resource)) {
                if (down.containsKey(location)) {
                    return Optional.of(new AbstractMap.SimpleImmutableEntry<>(location, down.get(location)));
                }
            }
            return Optional.empty();
        }
    }

    /** The project's VMs in its own cloud and in every location one of its placed resources may be in. */
    private Observed observe(String projectId, List<ManagedServer> claimed) {
        Set<Location> locations = new LinkedHashSet<>();
        claimed.forEach(resource -> locations.addAll(where.searchIn(resource)));
        OwnedServers servers = OwnedServers.of(List.of(), projectId);
        Map<Location, StackpilotException> down = new HashMap<>();
        for (Location location : locations) {
            try {
                Session session = location == null ? OwnerSession.open(sessions, projectId)
                        : where.open(projectId, location);
                servers = servers.with(OwnedServers.list(compute, session, projectId));
            } catch (StackpilotException unreachable) {
                down.put(location, unreachable);
            }
        }
        return new Observed(servers, down, where);
    }

    /** Decides for every resource of one project, then writes all statuses and releases in one round trip. */
    private int reconcile(List<ManagedServer> claimed, OwnedServers servers, Instant now) {
        Map<UUID, Operation> pending = operations.pending(claimed.stream().map(ManagedServer::id).toList());
        Map<UUID, ManagedServerStatus> statuses = new LinkedHashMap<>();
        int enqueued = 0;
        for (ManagedServer resource : claimed) {
            Convergence decision = Convergence.decide(resource, servers.current(resource),
                    Optional.ofNullable(pending.get(resource.id())), now);
            // observed again: a condition saying its cloud or location was unavailable no longer holds
            statuses.put(resource.id(), decision.status().withoutCondition("Observed"));
            Phase before = resource.status().phase();
            if (decision.enqueue() != null) {
                enqueued++;
                Operation queued = operations.enqueue(Operation.queue(resource.projectId(), decision.enqueue(),
                        resource.id(), decision.reason(), now, settings.locationOf(resource)));
                event(resource, now, "Enqueued" + capitalized(decision.enqueue().wireName()),
                        decision.enqueue().wireName() + " queued: " + decision.reason(), queued);
            } else if (decision.status().phase() != before) {
                event(resource, now, decision.status().phase().wireName(), decision.reason() != null
                        ? decision.reason() : "phase " + before.wireName() + " -> "
                        + decision.status().phase().wireName(), null);
            }
        }
        resources.saveStatusesAndRelease(settings.replica(), statuses, now.plus(settings.interval()));
        return enqueued;
    }

    /**
     * The resource could not be observed: its own cloud (no placement) or one of its placement's locations is down.
     * It keeps its VM and phase and is looked at again at the next interval.
     */
    private void unobservable(ManagedServer resource, Location location, StackpilotException cause, Instant now) {
        Condition condition = where.placed(resource)
                ? new Condition("Observed", false, "LocationUnavailable", "location " + where.nameOf(location)
                        + " is unavailable: " + cause.getMessage(), now)
                : new Condition("Observed", false, "CloudUnavailable", cause.getMessage(), now);
        resources.saveStatus(resource.id(), resource.status().withCondition(condition));
        resources.release(resource.id(), settings.replica(), now.plus(settings.interval()));
    }

    private void event(ManagedServer resource, Instant now, String reason, String message, Operation operation) {
        resources.appendEvent(new ManagedServerEvent(resource.id(), now, reason, message,
                "replica:" + settings.replica(), operation == null ? null : operation.id()));
    }

    private static String capitalized(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
