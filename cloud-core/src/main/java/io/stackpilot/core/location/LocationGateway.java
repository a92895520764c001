package io.stackpilot.core.location;

import io.stackpilot.core.common.Location;
import io.stackpilot.core.compute.ComputeLimits;
import java.util.List;

/**
 * The configured locations and their compute capacity, each asked of that location's compute service with that
 * cloud's service account (not the caller's token), and that service account's sessions for acting there. Thread-safe.
 */
public interface LocationGateway extends LocationSessions {
    /** The configured locations in priority order; never empty. Does no I/O. */
    List<ProviderLocation> locations();

    /**
     * The instance, core and RAM limits and use of the location's service account project, as Nova's
     * {@code /limits} gives them. Not cached; idempotent.
     *
     * @throws io.stackpilot.core.error.UpstreamException when the location cannot be reached or answers with an error
     * @throws io.stackpilot.core.error.NotFoundException when the location is not configured
     */
    ComputeLimits limits(Location location);
}
