package io.stackpilot.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.stackpilot.core.compute.ServerId;
import io.stackpilot.core.network.FloatingIp;
import io.stackpilot.core.reach.FloatingIpService;
import java.util.List;
import java.util.Set;

/**
 * The caller's floating IPs: list, allocate (201; with {@code server_id} also associated with that server), show,
 * release (204), and the association with a server: {@code PUT .../association} sets it (idempotent),
 * {@code DELETE .../association} removes it; both answer the floating IP as it is then.
 */
public final class FloatingIpRoutes implements RouteGroup {
    private static final String KIND = "floating ip";
    private final FloatingIpService floatingIps;
    private final ObjectMapper mapper;

    public FloatingIpRoutes(FloatingIpService floatingIps, ObjectMapper mapper) {
        this.floatingIps = floatingIps;
        this.mapper = mapper;
    }

    @Override
    public List<ApiRoute> routes() {
        return List.of(
                ApiRoute.authenticated(HandlerType.GET, "/api/v1/floating-ips", ctx -> ctx.json(
                        new ReachJson.FloatingIps(floatingIps.list(RequestState.session(ctx)).stream()
                                .map(ReachJson.FloatingIpJson::of).toList()))),
                ApiRoute.authenticated(HandlerType.POST, "/api/v1/floating-ips", this::allocate),
                ApiRoute.authenticated(HandlerType.GET, "/api/v1/floating-ips/{id}", ctx -> ctx.json(
                        ReachJson.FloatingIpJson.of(floatingIps.get(RequestState.session(ctx), id(ctx))))),
                ApiRoute.authenticated(HandlerType.DELETE, "/api/v1/floating-ips/{id}", ctx -> {
                    floatingIps.release(RequestState.session(ctx), id(ctx));
                    ctx.status(204);
                }),
                ApiRoute.authenticated(HandlerType.PUT, "/api/v1/floating-ips/{id}/association", this::associate),
                ApiRoute.authenticated(HandlerType.DELETE, "/api/v1/floating-ips/{id}/association", ctx -> ctx.json(
                        ReachJson.FloatingIpJson.of(floatingIps.disassociate(RequestState.session(ctx), id(ctx))))));
    }

    private void allocate(Context ctx) {
        JsonBody body = JsonBody.read(ctx, mapper, Set.of("floating_network_id", "server_id"));
        String network = body.text("floating_network_id");
        String server = body.text("server_id");
        if (server != null && server.isBlank()) {
            body.problem("server_id", "must not be blank when given");
        }
        body.validate(() -> { });
        FloatingIp ip = server == null ? floatingIps.allocate(RequestState.session(ctx), network)
                : floatingIps.allocateFor(RequestState.session(ctx), network, new ServerId(server));
        ctx.header("Location", "/api/v1/floating-ips/" + ip.id());
        ctx.status(201).json(ReachJson.FloatingIpJson.of(ip));
    }

    private void associate(Context ctx) {
        String id = id(ctx);
        JsonBody body = JsonBody.read(ctx, mapper, Set.of("server_id"));
        String server = body.text("server_id");
        body.require("server_id", server);
        body.validate(() -> { });
        ctx.json(ReachJson.FloatingIpJson.of(floatingIps.associate(RequestState.session(ctx), id,
                new ServerId(server))));
    }

    private static String id(Context ctx) {
        return PathUuid.of(ctx, "id", KIND);
    }
}
