package io.stackpilot.core.location;

import io.stackpilot.core.common.Page;
import io.stackpilot.core.compute.Server;
import io.stackpilot.core.compute.ServerQuery;
import io.stackpilot.core.identity.Session;

/**
 * Where the caller's servers of one location come from: in the caller's own cloud with the caller's token, in a
 * provider location through that location's service account, only the servers the caller's project owns there.
 * Thread-safe.
 */
@FunctionalInterface
public interface LocationServerSource {
    /**
     * One page of the caller's servers in {@code location}; idempotent.
     *
     * @throws io.stackpilot.core.error.StackpilotException when the location fails (the list names it unavailable)
     */
    Page<Server> list(Session caller, ProviderLocation location, ServerQuery query);
}
