package io.stackpilot.core.managed;

import io.stackpilot.core.catalog.CatalogService;
import io.stackpilot.core.common.Page;
import io.stackpilot.core.compute.ComputeGateway;
import io.stackpilot.core.error.ConflictException;
import io.stackpilot.core.error.NotFoundException;
import io.stackpilot.core.identity.Session;
import io.stackpilot.core.image.ImageGateway;
import io.stackpilot.core.location.LocationGateway;
import io.stackpilot.core.network.NetworkGateway;
import io.stackpilot.core.operation.Operation;
import io.stackpilot.core.operation.OperationKind;
import io.stackpilot.core.operation.OperationRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The API side of managed servers: declare (apply), read, and delete, always within the caller's project (another
 * project's resource of the same name is another resource). The engine carries the intent out later; this class
 * only stores it, enqueues what must happen at once (a delete) and makes the resource due for reconcile.
 * Thread-safe.
 */
public final class ManagedServerService {
    public static final String KIND = "managed server";

    private final ManagedServerRepository resources;
    private final OperationRepository operations;
    private final SpecResolver resolver;
    private final Clock clock;

    public ManagedServerService(ManagedServerRepository resources, OperationRepository operations,
                                ComputeGateway compute, ImageGateway images, NetworkGateway networks, Clock clock) {
        this(resources, operations, compute, images, networks, null, clock);
    }

    /** With the configured {@code locations} that a spec's placement is checked against (issue 17). */
    public ManagedServerService(ManagedServerRepository resources, OperationRepository operations,
                                ComputeGateway compute, ImageGateway images, NetworkGateway networks,
                                LocationGateway locations, Clock clock) {
        this(resources, operations, new CatalogService(compute, images, networks), locations, clock);
    }

    /**
     * Resolving specs through {@code catalog} (with its cache, applies in steady state do not list the catalog),
     * placements checked against {@code locations} (null: kept as written).
     */
    public ManagedServerService(ManagedServerRepository resources, OperationRepository operations,
                                CatalogService catalog, LocationGateway locations, Clock clock) {
        this.resources = resources;
        this.operations = operations;
        this.resolver = new SpecResolver(catalog, locations);
        this.clock = clock;
    }

    /**
     * Creates or updates the caller's resource {@code name}. The generation grows only when the spec changes; a
     * request equal to what is stored changes nothing.
     *
     * @throws io.stackpilot.core.error.InvalidRequestException listing every problem; nothing is stored then
     * @throws ConflictException when the resource is being deleted, or belongs to a schedule (which owns its spec)
     */
    public ApplyResult apply(Session session, String name, ApplyRequest request) {
        ManagedServerSpec spec = resolver.resolve(session, name, request);
        String projectId = session.project().id();
        boolean managed = !Boolean.FALSE.equals(request.managed());
        boolean reconcile = !Boolean.FALSE.equals(request.reconcile());
        Instant now = clock.instant();
        Optional<ManagedServer> existing = resources.find(projectId, name);
        if (existing.isEmpty()) {
            ManagedServer created = resources.insert(new ManagedServer(UUID.randomUUID(), projectId, name, managed,
                    reconcile, spec, 1, ManagedServerStatus.pending(), now, now, null, null));
            event(session, created, now, "Declared", "declared generation 1");
            return new ApplyResult(created, ApplyResult.Outcome.CREATED);
        }
        ManagedServer current = existing.get();
        if (current.deletionRequested()) {
            throw new ConflictException(KIND + " " + name + " is being deleted");
        }
        if (current.scheduleId() != null) {
            throw new ConflictException(KIND + " " + name + " belongs to schedule " + current.scheduleId()
                    + "; change the schedule instead");
        }
        boolean specChanged = !current.spec().equals(spec);
        if (!specChanged && current.managed() == managed && current.reconcile() == reconcile) {
            return new ApplyResult(current, ApplyResult.Outcome.UNCHANGED);
        }
        long generation = current.generation() + (specChanged ? 1 : 0);
        ManagedServer updated = resources.saveIntent(new ManagedServer(current.id(), projectId, name, managed,
                reconcile, spec, generation, current.status(), current.createdAt(), now, null, null))
                .orElseThrow(() -> new NotFoundException(KIND, name));
        event(session, updated, now, "Updated", "generation " + generation + (specChanged ? " (spec changed)" : "")
                + ", managed=" + managed + ", reconcile=" + reconcile);
        return new ApplyResult(updated, ApplyResult.Outcome.UPDATED);
    }

    /**
     * Checks a PUT without storing anything: the same resolution {@link #apply} does (so the same problems), for a
     * caller that found problems of its own in the request and must report them all together.
     *
     * @throws io.stackpilot.core.error.InvalidRequestException listing every problem
     */
    public void check(Session session, String name, ApplyRequest request) {
        resolver.resolve(session, name, request);
    }

    /** @throws NotFoundException when the caller's project has no resource of that name */
    public ManagedServer get(Session session, String name) {
        return resources.find(session.project().id(), name).orElseThrow(() -> new NotFoundException(KIND, name));
    }

    /** The caller's resources by name; {@code marker} is the last name of the previous page (null: first page). */
    public Page<ManagedServer> list(Session session, int limit, String marker) {
        return resources.list(session.project().id(), limit, marker);
    }

    /** What happened to the resource, newest first. */
    public List<ManagedServerEvent> events(Session session, String name, int limit) {
        return resources.events(get(session, name).id(), limit);
    }

    /**
     * Asks for deletion. A managed resource turns Deleting and a delete operation is queued (superseding a queued
     * create: declare-then-delete before anything ran does nothing in the cloud); an observed one is forgotten at
     * once and its VM untouched. Idempotent while the deletion runs.
     */
    public ManagedServer delete(Session session, String name) {
        ManagedServer current = get(session, name);
        Instant now = clock.instant();
        if (!current.managed()) {
            resources.delete(current.id());
            return current;
        }
        if (current.deletionRequested()) {
            return current;
        }
        ManagedServer deleting = resources.saveIntent(new ManagedServer(current.id(), current.projectId(),
                current.name(), true, current.reconcile(), current.spec(), current.generation(), current.status(),
                current.createdAt(), now, now, current.scheduleId())).orElseThrow(() -> new NotFoundException(KIND, name));
        ManagedServerStatus status = deleting.status().withPhase(Phase.DELETING);
        resources.saveStatus(deleting.id(), status);
        Operation queued = operations.enqueue(Operation.queue(current.projectId(), OperationKind.DELETE,
                current.id(), "the owner asked for deletion", now,
                current.status().location() != null ? current.status().location() : session.location()));
        resources.appendEvent(new ManagedServerEvent(current.id(), now, "DeletionRequested",
                "delete queued as operation " + queued.id(), actor(session), queued.id()));
        return deleting.withStatus(status);
    }

    private void event(Session session, ManagedServer resource, Instant now, String reason, String message) {
        resources.appendEvent(new ManagedServerEvent(resource.id(), now, reason, message, actor(session), null));
    }

    static String actor(Session session) {
        return "user:" + Objects.requireNonNull(session.principal().user().id());
    }
}
