package io.stackpilot.core.identity;

import java.util.List;

/** A cloud's identity service (Keystone v3 implements it). Thread-safe. */
public interface IdentityGateway {

    /**
     * Logs in and returns a project-scoped token.
     *
     * @throws io.stackpilot.core.error.UnauthenticatedException when Keystone rejects the credentials
     * @throws io.stackpilot.core.error.UpstreamException when Keystone cannot be reached or fails
     */
    IssuedToken authenticate(Credentials credentials);

    /**
     * Validates a caller's token and tells whom it identifies. Not cached here; callers cache.
     *
     * @throws io.stackpilot.core.error.UnauthenticatedException when the token is invalid, revoked or expired
     */
    Principal validate(String token);

    /**
     * Revokes the session's own token, so that the identity service refuses it from now on (logout). Idempotent: a
     * token that is already revoked, expired or unknown is not an error.
     *
     * @throws io.stackpilot.core.error.UpstreamException when Keystone cannot be reached or fails
     */
    void revoke(Session session);

    /** The projects the service account can see (all of them, for an admin). Idempotent. */
    List<ProjectRef> listProjects();
}
