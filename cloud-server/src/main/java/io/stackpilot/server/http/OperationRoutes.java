package io.stackpilot.server.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.stackpilot.core.error.NotFoundException;
import io.stackpilot.core.identity.Session;
import io.stackpilot.core.managed.ManagedServer;
import io.stackpilot.core.managed.ManagedServerService;
import io.stackpilot.core.operation.OperationService;
import io.stackpilot.core.operation.OperationState;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The engine's operations of the caller's project, newest first: {@code target} filters by managed server (its id,
 * or its name in the caller's project) or by server id (its {@code associate-floating-ip} and {@code preempt}
 * operations), {@code state} by state; one operation by id (404 when it is not the caller's project's). Next to the
 * list, {@code locations} is the queue per location (the caller's project's; an operator's: every project's).
 */
public final class OperationRoutes implements RouteGroup {
    public static final int MAX_LIMIT = 1000;
    public static final int DEFAULT_LIMIT = 100;
    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final OperationService operations;
    private final ManagedServerService managedServers;

    public OperationRoutes(OperationService operations, ManagedServerService managedServers) {
        this.operations = operations;
        this.managedServers = managedServers;
    }

    @Override
    public List<ApiRoute> routes() {
        return List.of(
                ApiRoute.authenticated(HandlerType.GET, "/api/v1/operations", this::list),
                ApiRoute.authenticated(HandlerType.GET, "/api/v1/operations/{id}", this::show));
    }

    private void list(Context ctx) {
        QueryParams params = new QueryParams(ctx);
        String target = params.parse("target", OperationRoutes::target,
                "must be a managed server's id or name (a DNS label)");
        OperationState state = params.parse("state", OperationState::parse,
                "must be queued, running, succeeded, failed or cancelled");
        Integer given = params.integer("limit", 1, MAX_LIMIT);
        params.check();
        Session session = RequestState.session(ctx);
        Optional<UUID> targetId = target == null ? Optional.empty() : resolve(session, target);
        if (target != null && targetId.isEmpty()) {
            // No such managed server in the caller's project: it has no operations.
            ctx.json(new OperationJson.Listing(List.of(), queues(session)));
            return;
        }
        ctx.json(new OperationJson.Listing(operations.list(session, targetId.orElse(null), state,
                given == null ? DEFAULT_LIMIT : given).stream().map(OperationJson::of).toList(), queues(session)));
    }

    private List<OperationJson.Queue> queues(Session session) {
        return operations.queues(session).stream().map(OperationJson.Queue::of).toList();
    }

    private void show(Context ctx) {
        String id = ctx.pathParam("id");
        if (!UUID_TEXT.matcher(id).matches()) {
            // No operation can have such an id: "not found", as for a missing one (shown cut short).
            throw new NotFoundException("operation", id.length() <= 64 ? id : id.substring(0, 64) + "...");
        }
        ctx.json(OperationJson.of(operations.get(RequestState.session(ctx), UUID.fromString(id))));
    }

    private Optional<UUID> resolve(Session session, String target) {
        // A UUID is a DNS label too: an id wins over a name that looks like one.
        if (UUID_TEXT.matcher(target).matches()) {
            return Optional.of(UUID.fromString(target));
        }
        try {
            return Optional.of(managedServers.get(session, target).id());
        } catch (NotFoundException missing) {
            return Optional.empty();
        }
    }

    /** A UUID or a DNS label; anything else is refused before it reaches the database. */
    private static String target(String value) {
        if (UUID_TEXT.matcher(value).matches() || ManagedServer.NAME.matcher(value).matches()) {
            return value;
        }
        throw new IllegalArgumentException("neither an id nor a name");
    }
}
