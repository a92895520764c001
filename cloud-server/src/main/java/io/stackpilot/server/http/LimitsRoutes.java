package io.stackpilot.server.http;

import io.javalin.http.HandlerType;
import io.stackpilot.core.limits.LimitsService;
import java.util.List;

/** {@code GET /api/v1/limits}: the caller's project quota and use (Nova's limits and Neutron's quota details). */
public final class LimitsRoutes implements RouteGroup {
    private final LimitsService limits;

    public LimitsRoutes(LimitsService limits) {
        this.limits = limits;
    }

    @Override
    public List<ApiRoute> routes() {
        return List.of(ApiRoute.authenticated(HandlerType.GET, "/api/v1/limits",
                ctx -> ctx.json(LimitsJson.of(limits.show(RequestState.session(ctx))))));
    }
}
