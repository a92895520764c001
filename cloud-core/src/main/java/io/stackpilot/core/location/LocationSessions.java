package io.stackpilot.core.location;

import io.stackpilot.core.common.Location;
import io.stackpilot.core.identity.Session;

/**
 * Sessions for acting in a provider location: that location's cloud, through its service account, scoped to the
 * service account's own project (the provider account). Every caller's VMs there share that one project; which
 * caller owns a VM is recorded on it ({@link Ownership}). Thread-safe.
 */
public interface LocationSessions {

    /**
     * A session of the location's service account, scoped to its project, whose {@link Session#location()} is
     * {@code location} (so that the gateways send its calls to that location's cloud). Ask for one per pass: the
     * implementation caches and renews the token.
     *
     * @throws io.stackpilot.core.error.NotFoundException when the location is not configured
     * @throws io.stackpilot.core.error.UpstreamException when the location's identity service fails
     */
    Session serviceSession(Location location);
}
