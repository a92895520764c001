package io.stackpilot.server.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.stackpilot.core.audit.AuditEntry;
import io.stackpilot.core.audit.AuditQuery;
import io.stackpilot.core.audit.AuditReader;
import io.stackpilot.core.common.Page;
import java.util.List;

/** {@code GET /api/v1/audit}: the request log, newest first, for callers with the admin role. */
public final class AuditRoutes implements RouteGroup {
    private static final int DEFAULT_LIMIT = 100;

    private final AuditReader reader;

    public AuditRoutes(AuditReader reader) {
        this.reader = reader;
    }

    @Override
    public List<ApiRoute> routes() {
        return List.of(ApiRoute.authenticated(HandlerType.GET, "/api/v1/audit", this::find));
    }

    private void find(Context ctx) {
        reader.requireAdmin(RequestState.session(ctx).principal());
        QueryParams params = new QueryParams(ctx);
        AuditQuery query = new AuditQuery(params.instant("since"), params.instant("until"),
                params.text("project_id"), params.text("user_id"), params.integer("status", 100, 599),
                orDefault(params.integer("limit", 1, AuditQuery.MAX_LIMIT)), params.uuid("marker"));
        params.check();
        Page<AuditEntry> page = reader.find(RequestState.session(ctx).principal(), query);
        ctx.json(new AuditJson.Page(page.items().stream().map(AuditJson::of).toList(), page.nextMarker()));
    }

    private static int orDefault(Integer limit) {
        return limit == null ? DEFAULT_LIMIT : limit;
    }
}
