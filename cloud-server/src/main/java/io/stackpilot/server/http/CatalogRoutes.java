package io.stackpilot.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.stackpilot.core.catalog.CatalogService;
import io.stackpilot.core.catalog.Freshness;
import java.util.List;
import java.util.function.Function;

/**
 * {@code GET /api/v1/flavors}, {@code /images}, {@code /networks}: what the caller's project can launch from. The
 * lists come from the catalog's cache unless the request says {@code Cache-Control: no-cache} (or
 * {@code max-age=0}); every answer carries an {@link CatalogETag ETag}, and {@code If-None-Match} with it gets 304
 * without a body. Answers are marked {@code private, no-cache}: they depend on the caller's token.
 */
public final class CatalogRoutes implements RouteGroup {
    private final CatalogService catalog;
    private final RenderedCatalogs flavors;
    private final RenderedCatalogs images;
    private final RenderedCatalogs networks;

    /**
     * @param cachedLists how many lists the catalog cache holds (0: it is off); the answers rendered from them are
     *                    kept as long as the lists, so a warm answer is a copy of stored bytes
     */
    public CatalogRoutes(CatalogService catalog, ObjectMapper mapper, long cachedLists) {
        this.catalog = catalog;
        this.flavors = rendered(mapper, cachedLists);
        this.images = rendered(mapper, cachedLists);
        this.networks = rendered(mapper, cachedLists);
    }

    private static RenderedCatalogs rendered(ObjectMapper mapper, long cachedLists) {
        return cachedLists > 0 ? RenderedCatalogs.kept(mapper, cachedLists) : RenderedCatalogs.none(mapper);
    }

    @Override
    public List<ApiRoute> routes() {
        return List.of(
                ApiRoute.authenticated(HandlerType.GET, "/api/v1/flavors", ctx -> answer(ctx, freshness ->
                        flavors.of(catalog.flavors(RequestState.session(ctx), freshness), list ->
                                new CatalogJson.Flavors(list.stream().map(CatalogJson.FlavorJson::of).toList())))),
                ApiRoute.authenticated(HandlerType.GET, "/api/v1/images", ctx -> answer(ctx, freshness ->
                        images.of(catalog.images(RequestState.session(ctx), freshness), list ->
                                new CatalogJson.Images(list.stream().map(CatalogJson.ImageJson::of).toList())))),
                ApiRoute.authenticated(HandlerType.GET, "/api/v1/networks", ctx -> answer(ctx, freshness ->
                        networks.of(catalog.networks(RequestState.session(ctx), freshness), list ->
                                new CatalogJson.Networks(list.stream().map(CatalogJson.NetworkJson::of).toList())))));
    }

    private void answer(Context ctx, Function<Freshness, RenderedCatalogs.Rendered> render) {
        RenderedCatalogs.Rendered answer = render.apply(CatalogETag.freshness(ctx.header("Cache-Control")));
        ctx.header("ETag", answer.etag());
        ctx.header("Cache-Control", "private, no-cache");
        ctx.header("Vary", "X-Auth-Token, Authorization");
        if (CatalogETag.matches(ctx.header("If-None-Match"), answer.etag())) {
            ctx.status(304);
            return;
        }
        ctx.contentType("application/json").result(answer.json());
    }
}
