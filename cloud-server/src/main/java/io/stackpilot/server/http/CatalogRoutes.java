package io.stackpilot.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.stackpilot.core.catalog.CatalogService;
import io.stackpilot.core.catalog.Freshness;
import java.io.UncheckedIOException;
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
    private final ObjectMapper mapper;

    public CatalogRoutes(CatalogService catalog, ObjectMapper mapper) {
        this.catalog = catalog;
        this.mapper = mapper;
    }

    @Override
    public List<ApiRoute> routes() {
        return List.of(
                ApiRoute.authenticated(HandlerType.GET, "/api/v1/flavors", ctx -> answer(ctx, freshness ->
                        new CatalogJson.Flavors(catalog.flavors(RequestState.session(ctx), freshness).stream()
                                .map(CatalogJson.FlavorJson::of).toList()))),
                ApiRoute.authenticated(HandlerType.GET, "/api/v1/images", ctx -> answer(ctx, freshness ->
                        new CatalogJson.Images(catalog.images(RequestState.session(ctx), freshness).stream()
                                .map(CatalogJson.ImageJson::of).toList()))),
                ApiRoute.authenticated(HandlerType.GET, "/api/v1/networks", ctx -> answer(ctx, freshness ->
                        new CatalogJson.Networks(catalog.networks(RequestState.session(ctx), freshness).stream()
                                .map(CatalogJson.NetworkJson::of).toList()))));
    }

    private void answer(Context ctx, Function<Freshness, Object> body) {
        byte[] json;
        try {
            json = mapper.writeValueAsBytes(body.apply(CatalogETag.freshness(ctx.header("Cache-Control"))));
        } catch (JsonProcessingException unexpected) {
            throw new UncheckedIOException(unexpected);
        }
        String etag = CatalogETag.of(json);
        ctx.header("ETag", etag);
        ctx.header("Cache-Control", "private, no-cache");
        ctx.header("Vary", "X-Auth-Token, Authorization");
        if (CatalogETag.matches(ctx.header("If-None-Match"), etag)) {
            ctx.status(304);
            return;
        }
        ctx.contentType("application/json").result(json);
    }
}
