package io.stackpilot.server.console;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.stackpilot.server.http.ApiRoute;
import io.stackpilot.server.http.RouteGroup;
import io.stackpilot.server.problem.HttpProblemException;
import io.stackpilot.server.problem.ProblemKind;
import java.util.List;

/**
 * The web console at {@code /ui/}: {@code index.html} (never cached: it names the current assets) and
 * {@code /ui/assets/<version>/<file>} (cached for a year, immutable). A client of {@code /api/v1} only. Every answer
 * carries a strict Content-Security-Policy: scripts, styles and fetches from this origin only, nothing inline.
 */
public final class ConsoleRoutes implements RouteGroup {
    /** No inline script or style, no other origin, no framing, no plugins. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    private static final String YEAR = "public, max-age=31536000, immutable";

    private final ConsoleAssets assets;

    public ConsoleRoutes(ConsoleAssets assets) {
        this.assets = assets;
    }

    @Override
    public List<ApiRoute> routes() {
        return List.of(ApiRoute.open(HandlerType.GET, "/ui/", this::index),
                ApiRoute.open(HandlerType.GET, "/ui/assets/{version}/{file}", this::asset));
    }

    private void index(Context ctx) {
        ctx.header("Cache-Control", "no-cache");
        send(ctx, assets.index());
    }

    private void asset(Context ctx) {
        ConsoleAssets.Asset asset = assets.find(ctx.pathParam("version"), ctx.pathParam("file"))
                .orElseThrow(() -> new HttpProblemException(ProblemKind.NOT_FOUND,
                        "no such console file in this version (" + assets.version() + "); reload the console"));
        ctx.header("Cache-Control", YEAR);
        send(ctx, asset);
    }

    private static void send(Context ctx, ConsoleAssets.Asset asset) {
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Vary", "Accept-Encoding");
        ctx.contentType(asset.contentType());
        String accepted = ctx.header("Accept-Encoding");
        if (accepted != null && accepted.contains("gzip")) {
            ctx.header("Content-Encoding", "gzip");
            ctx.result(asset.gzipped());
        } else {
            ctx.result(asset.bytes());
        }
    }
}
