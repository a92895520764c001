package io.stackpilot.server.http;

import io.javalin.http.HandlerType;
import io.stackpilot.core.preemption.Eviction;
import io.stackpilot.core.preemption.EvictionReader;
import java.time.Instant;
import java.util.List;

/** {@code GET /api/v1/preemptions[?limit=]}: the caller's project's recent evictions, newest first. */
public final class PreemptionRoutes implements RouteGroup {
    public static final int DEFAULT_LIMIT = 100;

    private final EvictionReader evictions;

    public PreemptionRoutes(EvictionReader evictions) {
        this.evictions = evictions;
    }

    record EvictionJson(String serverId, String name, String flavor, String preemptedBy, String byProjectId,
                        String reason, Instant preemptedAt, String operationId) {
        static EvictionJson of(Eviction eviction) {
            return new EvictionJson(eviction.victimServerId(), eviction.victimName(), eviction.victimFlavor(),
                    eviction.preemptedBy(), eviction.byProjectId(), eviction.reason().wireName(),
                    eviction.preemptedAt(), eviction.operationId().toString());
        }
    }

    record EvictionsJson(List<EvictionJson> preemptions) {
    }

    @Override
    public List<ApiRoute> routes() {
        return List.of(ApiRoute.authenticated(HandlerType.GET, "/api/v1/preemptions", ctx -> {
            QueryParams params = new QueryParams(ctx);
            Integer limit = params.integer("limit", 1, EvictionReader.MAX_LIMIT);
            params.check();
            ctx.json(new EvictionsJson(evictions.recent(RequestState.session(ctx),
                    limit == null ? DEFAULT_LIMIT : limit).stream().map(EvictionJson::of).toList()));
        }));
    }
}
