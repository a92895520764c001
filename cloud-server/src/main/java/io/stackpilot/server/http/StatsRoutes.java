package io.stackpilot.server.http;

import io.javalin.http.HandlerType;
import io.stackpilot.core.common.Location;
import io.stackpilot.core.location.LocationFanOut;
import io.stackpilot.core.location.ProviderLocation;
import io.stackpilot.core.stats.StatsLocations;
import io.stackpilot.core.stats.StatsSample;
import io.stackpilot.core.stats.StatsPoint;
import io.stackpilot.core.stats.StatsQuery;
import io.stackpilot.core.stats.StatsReader;
import io.stackpilot.core.stats.StatsReport;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * {@code GET /api/v1/stats/servers?points=N}: running servers per interval for the caller's project; with
 * {@code project_id=} another allowed project, with {@code scope=all} the total over the allowed projects (reported
 * with {@code project_id} "*"). Who may read which project is {@link StatsReader}'s decision; this class only reads
 * the query parameters and writes the JSON. {@code location=cloud/region} gives one location's points; without it (or
 * with {@code all}) the points are summed over the locations; an unknown location is 400.
 */
public final class StatsRoutes implements RouteGroup {
    private final StatsReader stats;
    private final LocationFanOut locations;
    private final Location home;

    /** {@code locations} resolves {@code ?location=}; {@code home} is the identity cloud's own location. */
    public StatsRoutes(StatsReader stats, LocationFanOut locations, Location home) {
        this.stats = stats;
        this.locations = locations;
        this.home = home;
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
            String location = params.text("location");
            params.check();
            StatsReport report = stats.report(RequestState.session(ctx), projectId, scope != null,
                    sampleKey(location), points);
            ctx.json(StatsJson.of(report));
        }));
    }

    /** Null (summed over the locations) without a location or with "all"; else the chosen location's sample key. */
    private String sampleKey(String selector) {
        if (selector == null) {
            return null;
        }
        List<ProviderLocation> chosen = locations.select(selector);
        if (LocationFanOut.ALL.equals(selector)) {
            return null;
        }
        Location location = chosen.getFirst().location();
        return location.equals(home) ? StatsSample.HOME : StatsLocations.key(location);
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
