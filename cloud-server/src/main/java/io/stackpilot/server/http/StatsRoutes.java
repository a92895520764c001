package io.stackpilot.server.http;

import io.javalin.http.HandlerType;
import io.stackpilot.core.error.ForbiddenException;
import io.stackpilot.core.error.InvalidRequestException;
import io.stackpilot.core.identity.Session;
import io.stackpilot.core.stats.StatsPoint;
import io.stackpilot.core.stats.StatsQuery;
import io.stackpilot.core.stats.StatsReport;
import io.stackpilot.core.stats.StatsSample;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * {@code GET /api/v1/stats/servers?points=N}: running servers per interval for the caller's project; callers with
 * the admin role may ask for another project ({@code project_id=}) or the total over the allowed projects
 * ({@code scope=all}, reported with {@code project_id} "*").
 */
public final class StatsRoutes implements RouteGroup {
    private final StatsQuery stats;

    public StatsRoutes(StatsQuery stats) {
        this.stats = stats;
    }

    @Override
    public List<ApiRoute> routes() {
        return List.of(ApiRoute.authenticated(HandlerType.GET, "/api/v1/stats/servers", ctx -> {
            Session session = RequestState.session(ctx);
            String projectId = projectOf(session, ctx.queryParam("project_id"), ctx.queryParam("scope"));
            StatsReport report = stats.report(projectId, StatsQuery.parsePoints(ctx.queryParam("points")));
            ctx.json(StatsJson.of(report));
        }));
    }

    private static String projectOf(Session session, String projectId, String scope) {
        boolean other = projectId != null && !projectId.isBlank();
        boolean all = scope != null && !scope.isBlank();
        if (all && !"all".equals(scope)) {
            throw InvalidRequestException.of("scope", "must be \"all\" when given");
        }
        if (other && all) {
            throw InvalidRequestException.of("project_id", "cannot be combined with scope=all");
        }
        if ((other || all) && !session.principal().hasRole("admin")) {
            throw new ForbiddenException("project_id and scope=all need the admin role");
        }
        if (all) {
            return StatsSample.TOTAL;
        }
        return other ? projectId : session.project().id();
    }

    record StatsJson(String projectId, String interval, List<PointJson> points) {
        static StatsJson of(StatsReport report) {
            return new StatsJson(report.projectId(), report.interval().toString(),
                    report.points().stream().map(PointJson::of).toList());
        }
    }

    record PointJson(Instant at, Integer running, String source) {
        static PointJson of(StatsPoint point) {
            return new PointJson(point.at(), point.running(),
                    point.source() == null ? null : point.source().name().toLowerCase(Locale.ROOT));
        }
    }
}
