package io.stackpilot.server.http;

import io.javalin.http.HandlerType;
import io.stackpilot.core.catalog.CatalogService;
import java.util.List;

/** {@code GET /api/v1/flavors}, {@code /images}, {@code /networks}: what the caller's project can launch from. */
public final class CatalogRoutes implements RouteGroup {
    private final CatalogService catalog;

    public CatalogRoutes(CatalogService catalog) {
        this.catalog = catalog;
    }

    @Override
    public List<ApiRoute> routes() {
        return List.of(
                ApiRoute.authenticated(HandlerType.GET, "/api/v1/flavors", ctx -> ctx.json(new CatalogJson.Flavors(
                        catalog.flavors(RequestState.session(ctx)).stream().map(CatalogJson.FlavorJson::of).toList()))),
                ApiRoute.authenticated(HandlerType.GET, "/api/v1/images", ctx -> ctx.json(new CatalogJson.Images(
                        catalog.images(RequestState.session(ctx)).stream().map(CatalogJson.ImageJson::of).toList()))),
                ApiRoute.authenticated(HandlerType.GET, "/api/v1/networks", ctx -> ctx.json(new CatalogJson.Networks(
                        catalog.networks(RequestState.session(ctx)).stream().map(CatalogJson.NetworkJson::of)
                                .toList()))));
    }
}
