package io.stackpilot.server.http;

import io.javalin.http.HandlerType;
import io.stackpilot.core.error.ForbiddenException;
import io.stackpilot.core.error.NotFoundException;
import io.stackpilot.core.identity.ProjectRef;
import io.stackpilot.core.identity.Session;
import io.stackpilot.core.stats.StatsPoint;
import io.stackpilot.core.stats.StatsQuery;
import io.stackpilot.core.stats.StatsReport;
import io.stackpilot.core.stats.StatsSample;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * {@code GET /api/v1/stats/servers?points=N}: running servers per interval for the caller's project; callers with
 * the admin role may ask for another allowed project ({@code project_id=}) or the total over the allowed projects
 * ({@code scope=all}, reported with {@code project_id} "*"). A {@code project_id} that is unknown or outside the
 * allowlist is 404 (the same answer for both, so the allowlist does not reveal which projects exist); checking it
 * costs one identity call (the allowed projects are resolved anew, as the collector does).
 */
public final class StatsRoutes implements RouteGroup {
    private final StatsQuery stats;
    private final Supplier<List<ProjectRef>> allowedProjects;

    /** @param allowedProjects the projects the statistics cover (the composition root's {@code AllowedProjects}) */
    public StatsRoutes(StatsQuery stats, Supplier<List<ProjectRef>> allowedProjects) {
        this.stats = stats;
        this.allowedProjects = allowedProjects;
    }

    @Override
    public List<ApiRoute> routes() {
        return List.of(ApiRoute.authenticated(HandlerType.GET, "/api/v1/stats/servers", ctx -> {
            QueryParams params = new QueryParams(ctx);
            Integer points = params.integer("points", 1, StatsQuery.MAX_POINTS);
            String projectId = params.text("project_id");
            String scope = params.text("scope");
            if (scope != null && !"all".equals(scope)) {
                params.problem("scope", "must be \"all\" when given");
            } else if (scope != null && projectId != null) {
                params.problem("project_id", "cannot be combined with scope=all");
            }
            params.check();
            StatsReport report = stats.report(projectOf(RequestState.session(ctx), projectId, scope != null), points);
            ctx.json(StatsJson.of(report));
        }));
    }

    private String projectOf(Session session, String projectId, boolean all) {
        if (projectId == null && !all) {
            return session.project().id();
        }
        if (!session.principal().hasRole("admin")) {
            throw new ForbiddenException("project_id and scope=all need the admin role");
        }
        if (all) {
            return StatsSample.TOTAL;
        }
        if (allowedProjects.get().stream().noneMatch(project -> project.id().equals(projectId))) {
            throw new NotFoundException("project", projectId);
        }
        return projectId;
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
