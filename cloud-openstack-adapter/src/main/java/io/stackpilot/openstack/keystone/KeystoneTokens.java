package io.stackpilot.openstack.keystone;

import io.stackpilot.core.error.UnauthenticatedException;
import io.stackpilot.core.error.UpstreamFailureException;
import io.stackpilot.core.identity.DomainRef;
import io.stackpilot.core.identity.Principal;
import io.stackpilot.core.identity.Session;
import io.stackpilot.core.identity.ProjectRef;
import io.stackpilot.core.identity.UpstreamTrace;
import io.stackpilot.core.identity.UserRef;
import io.stackpilot.openstack.http.ApiCall;
import io.stackpilot.openstack.http.ApiResponse;
import io.stackpilot.openstack.http.OpenStackHttp;
import io.stackpilot.openstack.keystone.KeystoneJson.DomainJson;
import io.stackpilot.openstack.keystone.KeystoneJson.NamedJson;
import io.stackpilot.openstack.keystone.KeystoneJson.Token;
import io.stackpilot.openstack.keystone.KeystoneJson.TokenEnvelope;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import okhttp3.HttpUrl;

/** Keystone v3's token API: issue a token ({@code POST /v3/auth/tokens}), validate and revoke one. Thread-safe. */
public final class KeystoneTokens {
    static final String SERVICE = "identity";

    private final OpenStackHttp http;
    private final HttpUrl identityUrl;

    /** @param identityUrl Keystone's v3 root, e.g. {@code http://host:5000/v3} */
    public KeystoneTokens(OpenStackHttp http, HttpUrl identityUrl) {
        this.http = http;
        this.identityUrl = identityUrl;
    }

    /** A token with who it identifies and its catalog. The token is masked in {@link #toString()}. */
    public record Issued(String token, Principal principal, Catalog catalog) {
        @Override
        public String toString() {
            return "Issued[token=***, principal=" + principal + "]";
        }
    }

    /**
     * Logs in with an auth body from {@link AuthRequests}.
     *
     * @throws UnauthenticatedException when Keystone rejects the credentials (401)
     */
    Issued issue(Map<String, Object> authBody, UpstreamTrace trace) {
        ApiCall call = ApiCall.post(SERVICE, url("auth", "tokens"), null, authBody, trace);
        ApiResponse response;
        try {
            response = http.send(call);
        } catch (UnauthenticatedException rejected) {
            throw new UnauthenticatedException("Keystone rejected the credentials",
                    rejected.upstreamRequestId().orElse(null));
        }
        String token = response.header("X-Subject-Token");
        if (token == null || token.isBlank()) {
            throw new UpstreamFailureException(SERVICE, "Keystone issued no X-Subject-Token", response.requestId(),
                    null);
        }
        Token body = http.read(call, response, TokenEnvelope.class).token();
        return new Issued(token, principal(body, call, response.requestId()), new Catalog(body.catalog()));
    }

    /**
     * Who the subject token identifies, checked with {@code GET /v3/auth/tokens?nocatalog}.
     *
     * @throws UnauthenticatedException when Keystone does not know the token (404) or rejects it (401)
     */
    Principal validate(String serviceToken, String subjectToken, UpstreamTrace trace) {
        HttpUrl url = url("auth", "tokens").newBuilder().addQueryParameter("nocatalog", null).build();
        ApiCall call = ApiCall.get(SERVICE, url, serviceToken, trace).withHeaders(Map.of("X-Subject-Token",
                subjectToken)).about("token", "(subject token)");
        try {
            ApiResponse response = http.send(call);
            return principal(http.read(call, response, TokenEnvelope.class).token(), call, response.requestId());
        } catch (io.stackpilot.core.error.NotFoundException | UnauthenticatedException invalid) {
            throw new UnauthenticatedException("the token is invalid, revoked or expired",
                    invalid.upstreamRequestId().orElse(null));
        }
    }

    /**
     * Revokes the session's own token with {@code DELETE /v3/auth/tokens} (204), the token both authorising the call
     * and being its subject, which Keystone's policy allows every token holder. A token Keystone no longer knows
     * (404) or accepts (401) is as good as revoked.
     */
    void revoke(Session session) {
        ApiCall call = ApiCall.delete(SERVICE, url("auth", "tokens"), session)
                .withHeaders(Map.of("X-Subject-Token", session.token())).about("token", "(subject token)");
        try {
            http.send(call);
        } catch (io.stackpilot.core.error.NotFoundException | UnauthenticatedException alreadyGone) {
            // Nothing left to revoke: logging out twice is not an error.
        }
    }

    HttpUrl url(String... segments) {
        HttpUrl.Builder builder = identityUrl.newBuilder();
        for (String segment : segments) {
            builder.addPathSegment(segment);
        }
        return builder.build();
    }

    private Principal principal(Token token, ApiCall call, String requestId) {
        try {
            UserRef user = new UserRef(token.user().id(), token.user().name(), domain(token.user().domain()));
            ProjectRef project = token.project() == null ? null : new ProjectRef(token.project().id(),
                    token.project().name(), domain(token.project().domain()));
            DomainRef domainScope = token.domain() == null ? null : domain(token.domain());
            Set<String> roles = token.roles() == null ? Set.of() : token.roles().stream().map(NamedJson::name)
                    .filter(Objects::nonNull).collect(Collectors.toSet());
            return new Principal(user, project, domainScope, roles, Instant.parse(token.expiresAt()));
        } catch (RuntimeException incomplete) {
            throw http.errors().unreadable(call, requestId, incomplete);
        }
    }

    private static DomainRef domain(DomainJson domain) {
        return new DomainRef(domain.id(), domain.name());
    }
}
