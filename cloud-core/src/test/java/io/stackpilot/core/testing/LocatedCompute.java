package io.stackpilot.core.testing;

import io.stackpilot.core.common.Location;
import io.stackpilot.core.common.Page;
import io.stackpilot.core.compute.BootRequest;
import io.stackpilot.core.compute.ComputeGateway;
import io.stackpilot.core.compute.Server;
import io.stackpilot.core.compute.ServerId;
import io.stackpilot.core.compute.ServerQuery;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One fake cloud serving several locations, as the lab's one Nova serves its provider accounts: a server booted
 * through a session of a location is that location's (its {@link Server#location()} says so). Thread-safe.
 */
public final class LocatedCompute extends ForwardingCompute {
    private final Map<String, Location> bootedIn = new ConcurrentHashMap<>();

    public LocatedCompute(ComputeGateway delegate) {
        super(delegate);
    }

    @Override
    public Server boot(io.stackpilot.core.identity.Session session, BootRequest request) {
        Server server = super.boot(session, request);
        bootedIn.put(server.id().value(), session.location());
        return located(server);
    }

    @Override
    public Page<Server> listServers(io.stackpilot.core.identity.Session session, ServerQuery query) {
        Page<Server> page = super.listServers(session, query);
        return new Page<>(page.items().stream().map(this::located).toList(), page.nextMarker());
    }

    @Override
    public Optional<Server> findServer(io.stackpilot.core.identity.Session session, ServerId id) {
        return super.findServer(session, id).map(this::located);
    }

    /** Where the server was booted; the fake cloud's own location for one it did not see booted. */
    public Location locationOf(Server server) {
        return bootedIn.getOrDefault(server.id().value(), server.location());
    }

    private Server located(Server server) {
        return new Server(server.id(), server.name(), server.status(), server.addresses(), server.flavor(),
                server.image(), server.projectId(), server.createdAt(), server.preemptible(), server.metadata(),
                locationOf(server), server.fault());
    }
}
