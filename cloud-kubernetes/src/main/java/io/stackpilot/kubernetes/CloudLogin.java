package io.stackpilot.kubernetes;

import io.stackpilot.core.identity.Credentials;
import io.stackpilot.core.identity.Session;

/**
 * Logs a Server's cloud credentials in, as the HTTP API's login does: a project-scoped session on the daemon's
 * cloud, checked against the daemon's allowed projects. The daemon implements it. Thread-safe.
 */
@FunctionalInterface
public interface CloudLogin {

    /**
     * @throws io.stackpilot.core.error.UnauthenticatedException when the cloud rejects the credentials
     * @throws io.stackpilot.core.error.ForbiddenException when the project is not allowed
     * @throws io.stackpilot.core.error.UpstreamException when the identity service fails
     */
    Session login(Credentials credentials);
}
