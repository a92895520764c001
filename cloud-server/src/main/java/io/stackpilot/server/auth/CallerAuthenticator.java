package io.stackpilot.server.auth;

import io.javalin.http.Context;
import io.stackpilot.core.common.Location;
import io.stackpilot.core.error.UnauthenticatedException;
import io.stackpilot.core.identity.AccessPolicy;
import io.stackpilot.core.identity.Principal;
import io.stackpilot.core.identity.Session;
import io.stackpilot.core.identity.TokenAuthenticator;
import io.stackpilot.server.http.RequestState;

/**
 * Finds who is calling: the Keystone token from {@code X-Auth-Token} or {@code Authorization: Bearer}, validated
 * (cached) and checked against the allowlist. The caller's cloud calls then go out with the caller's own token in
 * a {@link Session} whose trace collects the cloud's request ids for the audit row. Thread-safe.
 */
public final class CallerAuthenticator {
    /** The longest token accepted. */
    public static final int MAX_TOKEN_LENGTH = 4096;

    private final TokenAuthenticator tokens;
    private final AccessPolicy policy;
    private final Location location;

    public CallerAuthenticator(TokenAuthenticator tokens, AccessPolicy policy, Location location) {
        this.tokens = tokens;
        this.policy = policy;
        this.location = location;
    }

    /**
     * Authenticates the request and stores the caller's session in its {@link RequestState}.
     *
     * @throws UnauthenticatedException without a valid token (401)
     * @throws io.stackpilot.core.error.ForbiddenException outside the allowlist or not project-scoped (403)
     */
    public Session authenticate(Context ctx) {
        String token = tokenOf(ctx);
        if (token == null) {
            throw new UnauthenticatedException("no token given: send X-Auth-Token or Authorization: Bearer <token>");
        }
        if (!isPlainToken(token)) {
            // Checked before any cache or cloud call: a value no HTTP client may send would fail inside the adapter,
            // and its error message would quote the value. Its content is never repeated, not even in the answer.
            throw new UnauthenticatedException("the token is not a valid token: it must be 1 to " + MAX_TOKEN_LENGTH
                    + " visible ASCII characters");
        }
        RequestState state = RequestState.of(ctx);
        Principal principal = tokens.authenticate(token);
        state.principal(principal);
        policy.check(principal);
        Session session = new Session(token, principal, location, state.trace());
        state.session(session);
        return session;
    }

    /**
     * Keystone's tokens (Fernet, JWS, and the UUID tokens of old) are a few hundred visible ASCII characters; the
     * bound leaves room for any of them and keeps arbitrary header values out of hashing and caching.
     */
    static boolean isPlainToken(String token) {
        if (token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            return false;
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    static String tokenOf(Context ctx) {
        String token = ctx.header("X-Auth-Token");
        if (token != null && !token.isBlank()) {
            return token.trim();
        }
        String authorization = ctx.header("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String bearer = authorization.substring(7).trim();
            return bearer.isEmpty() ? null : bearer;
        }
        return null;
    }
}
