package io.stackpilot.core.location;

import io.stackpilot.core.common.Page;
import io.stackpilot.core.common.Require;
import io.stackpilot.core.compute.ComputeGateway;
import io.stackpilot.core.compute.Server;
import io.stackpilot.core.compute.ServerQuery;
import io.stackpilot.core.identity.Session;

/**
 * The caller's servers of a location. In the caller's own cloud (any of its regions) the caller's token asks, as
 * without locations: the cloud's policy scopes the list to the caller's project. In a provider location the
 * location's service account asks and only the servers {@link Ownership} gives to the caller's project are kept;
 * such a page may be shorter than the limit, and its next marker stays the cloud's. The compute gateway sends each
 * call to the cloud of its session's location. Thread-safe.
 */
public final class OwnedServerSource implements LocationServerSource {
    private final ComputeGateway compute;
    private final LocationSessions sessions;

    public OwnedServerSource(ComputeGateway compute, LocationSessions sessions) {
        this.compute = Require.notNull(compute, "compute");
        this.sessions = Require.notNull(sessions, "sessions");
    }

    @Override
    public Page<Server> list(Session caller, ProviderLocation location, ServerQuery query) {
        if (location.location().cloud().equals(caller.location().cloud())) {
            Session there = new Session(caller.token(), caller.principal(), location.location(), caller.trace());
            return compute.listServers(there, query);
        }
        Session service = sessions.serviceSession(location.location());
        String owner = caller.project().id();
        Page<Server> page = compute.listServers(service, query);
        return new Page<>(page.items().stream().filter(server -> Ownership.ownedBy(server, owner, service)).toList(),
                page.nextMarker());
    }
}
