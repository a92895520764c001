package io.stackpilot.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.stackpilot.core.common.Page;
import io.stackpilot.core.compute.BootRequest;
import io.stackpilot.core.compute.Server;
import io.stackpilot.core.compute.ServerId;
import io.stackpilot.core.compute.ServerQuery;
import io.stackpilot.core.compute.ServerService;
import io.stackpilot.core.compute.ServerStatus;
import io.stackpilot.core.idempotency.IdempotentLauncher;
import io.stackpilot.core.identity.Session;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The caller's servers: list, launch (202 + Location; {@code Idempotency-Key} honoured, a replay answers the
 * server as it is now with {@code Idempotent-Replayed: true}), show, delete (202).
 */
public final class ServerRoutes implements RouteGroup {
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final int MAX_LIMIT = 1000;
    private static final Set<String> BOOT_FIELDS = Set.of("name", "flavor_id", "image_id", "network_ids",
            "preemptible", "key_name", "user_data");

    private final ServerService servers;
    private final IdempotentLauncher launcher;
    private final ObjectMapper mapper;

    public ServerRoutes(ServerService servers, IdempotentLauncher launcher, ObjectMapper mapper) {
        this.servers = servers;
        this.launcher = launcher;
        this.mapper = mapper;
    }

    @Override
    public List<ApiRoute> routes() {
        return List.of(
                ApiRoute.authenticated(HandlerType.GET, "/api/v1/servers", this::list),
                ApiRoute.authenticated(HandlerType.POST, "/api/v1/servers", this::launch),
                ApiRoute.authenticated(HandlerType.GET, "/api/v1/servers/{id}", ctx -> ctx.json(ServerJson.of(
                        servers.get(RequestState.session(ctx), new ServerId(ctx.pathParam("id")))))),
                ApiRoute.authenticated(HandlerType.DELETE, "/api/v1/servers/{id}", ctx -> {
                    servers.delete(RequestState.session(ctx), new ServerId(ctx.pathParam("id")));
                    ctx.status(202);
                }));
    }

    private void list(Context ctx) {
        QueryParams params = new QueryParams(ctx);
        ServerStatus status = params.parse("status", ServerRoutes::knownStatus, "must be a server status such as ACTIVE");
        String name = params.text("name");
        Integer limit = params.integer("limit", 1, MAX_LIMIT);
        String marker = params.text("marker");
        params.check();
        Page<Server> page = servers.list(RequestState.session(ctx),
                new ServerQuery(status, name, limit, marker, false, null));
        ctx.json(new ServerJson.Page(page.items().stream().map(ServerJson::of).toList(), page.nextMarker()));
    }

    private void launch(Context ctx) {
        JsonBody body = JsonBody.read(ctx, mapper, BOOT_FIELDS);
        BootRequest request = new BootRequest(body.text("name"), body.text("flavor_id"), body.text("image_id"),
                body.texts("network_ids"), body.bool("preemptible", false), body.text("key_name"),
                body.text("user_data"), Map.of());
        body.validate(request::validate);
        Session session = RequestState.session(ctx);
        String key = ctx.header(IDEMPOTENCY_KEY);
        if (key == null) {
            Server server = servers.launch(session, request);
            ctx.header("Location", "/api/v1/servers/" + server.id().value());
            ctx.status(202).json(ServerJson.of(server));
            return;
        }
        IdempotentLauncher.Outcome outcome = launcher.launch(session, key, request);
        ctx.header("Location", "/api/v1/servers/" + outcome.server().id().value());
        if (outcome.replayed()) {
            ctx.header("Idempotent-Replayed", "true");
        }
        ctx.status(202).json(ServerJson.of(outcome.server()));
    }

    private static ServerStatus knownStatus(String value) {
        ServerStatus status = ServerStatus.parse(value);
        if (status == ServerStatus.UNKNOWN) {
            throw new IllegalArgumentException("unknown status");
        }
        return status;
    }
}
