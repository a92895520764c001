package io.stackpilot.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.stackpilot.server.ratelimit.LoginRateLimiter;
import io.stackpilot.server.problem.HttpProblemException;
import io.stackpilot.server.problem.ProblemKind;
import io.javalin.http.HandlerType;
import io.stackpilot.core.identity.AccessPolicy;
import io.stackpilot.core.identity.IdentityGateway;
import io.stackpilot.core.identity.IssuedToken;
import io.stackpilot.core.identity.PasswordCredentials;
import io.stackpilot.core.identity.TokenAuthenticator;
import java.util.List;
import java.util.Set;

/**
 * {@code POST /api/v1/auth/tokens}: logs in with Keystone credentials and returns the project-scoped token
 * (201); 401 for bad credentials, 403 for a project outside the allowlist. The password is never kept or logged.
 */
public final class AuthRoutes implements RouteGroup {
    private static final Set<String> FIELDS = Set.of("username", "password", "user_domain", "project",
            "project_domain");

    private final IdentityGateway identity;
    private final AccessPolicy policy;
    private final TokenAuthenticator authenticator;
    private final ObjectMapper mapper;
    private final LoginRateLimiter limiter;

    public AuthRoutes(IdentityGateway identity, AccessPolicy policy, TokenAuthenticator authenticator,
                      ObjectMapper mapper, LoginRateLimiter limiter) {
        this.identity = identity;
        this.policy = policy;
        this.authenticator = authenticator;
        this.mapper = mapper;
        this.limiter = limiter;
    }

    @Override
    public List<ApiRoute> routes() {
        return List.of(ApiRoute.open(HandlerType.POST, "/api/v1/auth/tokens", this::login));
    }

    private void login(Context ctx) {
        // The answer carries a token: no cache, shared or private, may keep it (RFC 9111; Pragma for HTTP/1.0 ones).
        ctx.header("Cache-Control", "no-store");
        ctx.header("Pragma", "no-cache");
        limiter.tryAcquire(ctx.ip()).ifPresent(wait -> {
            long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
            ctx.header("Retry-After", Long.toString(seconds));
            throw new HttpProblemException(ProblemKind.TOO_MANY_REQUESTS,
                    "too many logins from this address; retry in " + seconds + " s");
        });
        JsonBody body = JsonBody.read(ctx, mapper, FIELDS);
        String username = body.text("username");
        String password = body.text("password");
        String userDomain = orDefault(body.text("user_domain"));
        String project = body.text("project");
        String projectDomain = orDefault(body.text("project_domain"));
        body.require("username", username);
        body.require("password", password);
        body.require("project", project);
        body.validate(() -> { });
        IssuedToken issued = identity.authenticate(
                new PasswordCredentials(username, password, userDomain, project, projectDomain));
        RequestState.of(ctx).principal(issued.principal());
        policy.check(issued.principal());
        authenticator.remember(issued.token(), issued.principal());
        ctx.status(201).json(TokenJson.of(issued));
    }

    private static String orDefault(String domain) {
        return domain == null || domain.isBlank() ? "Default" : domain;
    }
}
