package io.stackpilot.server.http;

import io.javalin.http.HandlerType;
import io.stackpilot.core.location.LocationService;
import java.util.List;

/**
 * {@code GET /api/v1/locations}: every configured location (cloud and region) with its availability, priority and
 * the instances, cores and RAM its service account may use and uses, from Nova's {@code /limits}, cached briefly. A
 * location that is down is listed as unavailable; it never fails the answer.
 */
public final class LocationRoutes implements RouteGroup {
    private final LocationService locations;

    public LocationRoutes(LocationService locations) {
        this.locations = locations;
    }

    @Override
    public List<ApiRoute> routes() {
        return List.of(ApiRoute.authenticated(HandlerType.GET, "/api/v1/locations",
                ctx -> ctx.json(LocationJson.listing(locations.list()))));
    }
}
