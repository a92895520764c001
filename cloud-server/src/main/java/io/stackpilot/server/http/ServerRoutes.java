package io.stackpilot.server.http;

import com.fasterxml.jackson.databind.JsonNode;
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
import io.stackpilot.core.location.AcrossLocations;
import io.stackpilot.core.location.ServersAcrossLocations;
import io.stackpilot.core.operation.Operation;
import io.stackpilot.core.reach.FloatingIpAtLaunch;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The caller's servers: list, launch (202 + Location; {@code Idempotency-Key} honoured, a replay answers the
 * server as it is now with {@code Idempotent-Replayed: true}), show, delete (202). A launch with
 * {@code "floating_ip": true} (or {@code {"network": id}}) hands the floating IP to the engine
 * ({@link FloatingIpAtLaunch}); the server's own answer shows that operation's state, and a delete releases the
 * address first.
 */
public final class ServerRoutes implements RouteGroup {
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    /** The largest page, and the page without {@code limit}: Nova's own default page maximum (osapi_max_limit). */
    public static final int MAX_LIMIT = 1000;
    public static final int DEFAULT_LIMIT = 1000;
    private static final Set<String> BOOT_FIELDS = Set.of("name", "flavor_id", "image_id", "network_ids",
            "preemptible", "key_name", "user_data", "security_groups", "floating_ip");

    private final ServerService servers;
    private final IdempotentLauncher.Launch launch;
    private final IdempotentLauncher launcher;
    private final FloatingIpAtLaunch floatingIps;
    private final ObjectMapper mapper;
    private final ServersAcrossLocations across;

    /**
     * {@code launch} boots a server (through preemption in the daemon); the launcher does so under a key;
     * {@code floatingIps} takes the floating IPs asked for at launch; {@code across} answers lists with
     * {@code location=}.
     */
    public ServerRoutes(ServerService servers, IdempotentLauncher.Launch launch, IdempotentLauncher launcher,
                        FloatingIpAtLaunch floatingIps, ObjectMapper mapper, ServersAcrossLocations across) {
        this.servers = servers;
        this.launch = launch;
        this.launcher = launcher;
        this.floatingIps = floatingIps;
        this.mapper = mapper;
        this.across = across;
    }

    @Override
    public List<ApiRoute> routes() {
        return List.of(
                ApiRoute.authenticated(HandlerType.GET, "/api/v1/servers", this::list),
                ApiRoute.authenticated(HandlerType.POST, "/api/v1/servers", this::launch),
                ApiRoute.authenticated(HandlerType.GET, "/api/v1/servers/{id}", this::show),
                ApiRoute.authenticated(HandlerType.DELETE, "/api/v1/servers/{id}", ctx -> {
                    Session session = RequestState.session(ctx);
                    ServerId id = ServerPathId.of(ctx);
                    // First, so that a delete cut short leaves the server (to delete again), never a lost address.
                    floatingIps.releaseFor(session, id);
                    servers.delete(session, id);
                    ctx.status(202);
                }));
    }

    private void show(Context ctx) {
        Session session = RequestState.session(ctx);
        Server server = servers.get(session, ServerPathId.of(ctx));
        ctx.json(ServerJson.of(server, floatingIps.latest(session, server).orElse(null)));
    }

    private void list(Context ctx) {
        QueryParams params = new QueryParams(ctx);
        ServerStatus status = params.parse("status", ServerRoutes::knownStatus, "must be a server status such as ACTIVE");
        String name = params.text("name");
        Integer given = params.integer("limit", 1, MAX_LIMIT);
        String marker = params.text("marker");
        Boolean preemptible = params.parse("preemptible", ServerRoutes::bool, "must be true or false");
        String location = params.text("location");
        params.check();
        // Never unbounded: without a limit one list would hold every page Nova has in memory at once.
        int limit = given == null ? DEFAULT_LIMIT : given;
        if (location != null) {
            AcrossLocations<Server> answer = across.list(RequestState.session(ctx), location,
                    new ServerQuery(status, name, limit, marker, false, null));
            ctx.json(ServerJson.AcrossPage.of(new AcrossLocations<>(answer.items().stream()
                    .filter(server -> preemptible == null || server.preemptible() == preemptible).toList(),
                    answer.unavailable(), answer.nextMarkers())));
            return;
        }
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
        FloatingIpChoice floatingIp = FloatingIpChoice.read(body);
        BootRequest plain = body.validated(() -> new BootRequest(name, flavorId, imageId, networkIds, preemptible,
                keyName, userData, Map.of(), securityGroups));
        Session session = RequestState.session(ctx);
        BootRequest request = floatingIp.wanted() ? floatingIps.ask(session, plain, floatingIp.network()) : plain;
        String key = ctx.header(IDEMPOTENCY_KEY);
        Server server;
        if (key == null) {
            server = launch.launch(session, request);
        } else {
            IdempotentLauncher.Outcome outcome = launcher.launch(session, key, request);
            server = outcome.server();
            if (outcome.replayed()) {
                ctx.header("Idempotent-Replayed", "true");
            }
        }
        // A replay hands over again only when the first request died before it did.
        Operation handedOver = floatingIps.handOver(session, server).orElse(null);
        ctx.header("Location", "/api/v1/servers/" + server.id().value());
        ctx.status(202).json(ServerJson.of(server, handedOver));
    }

    /** {@code "floating_ip"}: absent, null or false (none); true (the only external network); {"network": id}. */
    private record FloatingIpChoice(boolean wanted, String network) {
        static FloatingIpChoice read(JsonBody body) {
            JsonNode node = body.node("floating_ip");
            if (node == null || node.isNull() || node.isBoolean()) {
                return new FloatingIpChoice(node != null && node.asBoolean(), null);
            }
            if (!node.isObject()) {
                body.problem("floating_ip", "must be true, false or an object such as {\"network\": \"<id>\"}");
                return new FloatingIpChoice(false, null);
            }
            String network = body.objectText("floating_ip", "network");
            if (network != null && network.isBlank()) {
                body.problem("floating_ip.network", "must not be blank when given");
            }
            return new FloatingIpChoice(true, network);
        }
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
