package io.stackpilot.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.stackpilot.core.compute.KeyPair;
import io.stackpilot.core.compute.KeyPairService;
import io.stackpilot.core.compute.NewKeyPair;
import java.util.List;
import java.util.Set;

/**
 * The caller's key pairs (Nova keeps them per user: the same in every project the user works in): list, create
 * (201; without {@code public_key} the cloud generates the pair and the answer carries {@code private_key}, once,
 * with {@code Cache-Control: no-store}; it is never stored, logged or audited), show, delete (204).
 */
public final class KeyPairRoutes implements RouteGroup {
    private final KeyPairService keyPairs;
    private final ObjectMapper mapper;

    public KeyPairRoutes(KeyPairService keyPairs, ObjectMapper mapper) {
        this.keyPairs = keyPairs;
        this.mapper = mapper;
    }

    @Override
    public List<ApiRoute> routes() {
        return List.of(
                ApiRoute.authenticated(HandlerType.GET, "/api/v1/key-pairs", ctx -> ctx.json(new ReachJson.KeyPairs(
                        keyPairs.list(RequestState.session(ctx)).stream().map(ReachJson.KeyPairJson::of).toList()))),
                ApiRoute.authenticated(HandlerType.POST, "/api/v1/key-pairs", this::create),
                ApiRoute.authenticated(HandlerType.GET, "/api/v1/key-pairs/{name}", ctx -> ctx.json(
                        ReachJson.KeyPairJson.of(keyPairs.get(RequestState.session(ctx), ctx.pathParam("name"))))),
                ApiRoute.authenticated(HandlerType.DELETE, "/api/v1/key-pairs/{name}", ctx -> {
                    keyPairs.delete(RequestState.session(ctx), ctx.pathParam("name"));
                    ctx.status(204);
                }));
    }

    private void create(Context ctx) {
        JsonBody body = JsonBody.read(ctx, mapper, Set.of("name", "public_key"));
        String name = body.text("name");
        String publicKey = body.text("public_key");
        body.validate(() -> { });
        if (publicKey != null) {
            KeyPair imported = keyPairs.importPublicKey(RequestState.session(ctx), name, publicKey);
            location(ctx, imported);
            ctx.status(201).json(ReachJson.KeyPairJson.of(imported));
            return;
        }
        NewKeyPair created = keyPairs.create(RequestState.session(ctx), name);
        location(ctx, created.keyPair());
        ctx.header("Cache-Control", "no-store");
        ctx.status(201).json(ReachJson.CreatedKeyPairJson.of(created));
    }

    private static void location(Context ctx, KeyPair keyPair) {
        ctx.header("Location", "/api/v1/key-pairs/" + java.net.URLEncoder.encode(keyPair.name(),
                java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"));
    }
}
