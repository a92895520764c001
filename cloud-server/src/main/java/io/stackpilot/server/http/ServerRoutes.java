package io.stackpilot.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.stackpilot.core.common.Page;
import io.stackpilot.core.compute.BootRequest;
import io.stackpilot.core.compute.Server;
import io.stackpilot.core.compute.ServerQuery;
import io.stackpilot.core.compute.ServerService;
import io.stackpilot.core.compute.ServerStatus;
import io.stackpilot.core.idempotency.IdempotentLauncher;
import io.stackpilot.core.identity.Session;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The caller's servers: list, launch (202 + Location; {@code Idempotency-Key} honoured, a replay answers the
 * server as it is now with {@code Idempotent-Replayed: true}), show, delete (202).
 */
public final class ServerRoutes implements RouteGroup {
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    /** The largest page, and the page without {@code limit}: Nova's own default page maximum (osapi_max_limit). */
    public static final int MAX_LIMIT = 1000;
    public static final int DEFAULT_LIMIT = 1000;
    private static final Set<String> BOOT_FIELDS = Set.of("name", "flavor_id", "image_id", "network_ids",
            "preemptible", "key_name", "user_data", "security_groups");

    private final ServerService servers;
    private final IdempotentLauncher.Launch launch;
    private final IdempotentLauncher launcher;
    private final ObjectMapper mapper;

    /** {@code launch} boots a server (through preemption in the daemon); the launcher does so under a key. */
    public ServerRoutes(ServerService servers, IdempotentLauncher.Launch launch, IdempotentLauncher launcher,
                        ObjectMapper mapper) {
        this.servers = servers;
        this.launch = launch;
        this.launcher = launcher;
        this.mapper = mapper;
    }

    @Override
    public List<ApiRoute> routes() {
        return List.of(
                ApiRoute.authenticated(HandlerType.GET, "/api/v1/servers", this::list),
                ApiRoute.authenticated(HandlerType.POST, "/api/v1/servers", this::launch),
                ApiRoute.authenticated(HandlerType.GET, "/api/v1/servers/{id}", ctx -> ctx.json(ServerJson.of(
                        servers.get(RequestState.session(ctx), ServerPathId.of(ctx))))),
                ApiRoute.authenticated(HandlerType.DELETE, "/api/v1/servers/{id}", ctx -> {
                    servers.delete(RequestState.session(ctx), ServerPathId.of(ctx));
                    ctx.status(202);
                }));
    }

    private void list(Context ctx) {
        QueryParams params = new QueryParams(ctx);
        ServerStatus status = params.parse("status", ServerRoutes::knownStatus, "must be a server status such as ACTIVE");
        String name = params.text("name");
        Integer given = params.integer("limit", 1, MAX_LIMIT);
        String marker = params.text("marker");
        Boolean preemptible = params.parse("preemptible", ServerRoutes::bool, "must be true or false");
        params.check();
        // Never unbounded: without a limit one list would hold every page Nova has in memory at once.
        int limit = given == null ? DEFAULT_LIMIT : given;
        Page<Server> page = servers.list(RequestState.session(ctx),
                new ServerQuery(status, name, limit, marker, false, null));
        page.next().ifPresent(next -> ctx.header("Link", "<" + nextPage(ctx, next) + ">; rel=\"next\""));
        // Nova cannot filter by metadata: the page is filtered here, and the marker stays Nova's (a page may be short).
        ctx.json(new ServerJson.Page(page.items().stream()
                .filter(server -> preemptible == null || server.preemptible() == preemptible)
                .map(ServerJson::of).toList(), page.nextMarker()));
    }

    private void launch(Context ctx) {
        JsonBody body = JsonBody.read(ctx, mapper, BOOT_FIELDS);
        String name = body.text("name");
        String flavorId = body.text("flavor_id");
        String imageId = body.text("image_id");
        List<String> networkIds = body.texts("network_ids");
        boolean preemptible = body.bool("preemptible", false);
        String keyName = body.text("key_name");
        String userData = body.text("user_data");
        List<String> securityGroups = body.texts("security_groups");
        BootRequest request = body.validated(() -> new BootRequest(name, flavorId, imageId, networkIds, preemptible,
                keyName, userData, Map.of(), securityGroups));
        Session session = RequestState.session(ctx);
        String key = ctx.header(IDEMPOTENCY_KEY);
        if (key == null) {
            Server server = launch.launch(session, request);
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

    /** This request's filters and limit with the new marker: the next page, as an RFC 8288 link names it. */
    private static String nextPage(Context ctx, String marker) {
        StringBuilder link = new StringBuilder(ctx.path());
        char separator = '?';
        for (String name : List.of("status", "name", "limit", "preemptible")) {
            String value = ctx.queryParam(name);
            if (value != null && !value.isBlank()) {
                link.append(separator).append(name).append('=').append(encode(value));
                separator = '&';
            }
        }
        return link.append(separator).append("marker=").append(encode(marker)).toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static Boolean bool(String value) {
        return switch (value) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("not a boolean");
        };
    }

    private static ServerStatus knownStatus(String value) {
        ServerStatus status = ServerStatus.parse(value);
        if (status == ServerStatus.UNKNOWN) {
            throw new IllegalArgumentException("unknown status");
        }
        return status;
    }
}
