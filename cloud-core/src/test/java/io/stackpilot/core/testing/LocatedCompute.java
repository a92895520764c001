package io.stackpilot.core.testing;

import io.stackpilot.core.common.Location;
import io.stackpilot.core.common.Page;
import io.stackpilot.core.compute.BootRequest;
import io.stackpilot.core.compute.ComputeGateway;
import io.stackpilot.core.compute.Server;
import io.stackpilot.core.compute.ServerId;
import io.stackpilot.core.compute.ServerQuery;
import io.stackpilot.core.compute.ServerStatus;
import io.stackpilot.core.error.UpstreamUnavailableException;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One fake cloud serving several locations, as the lab's one Nova serves its provider accounts: a server booted
 * through a session of a location is that location's (its {@link Server#location()} says so). Thread-safe.
 */
public final class LocatedCompute extends ForwardingCompute {
    private final Map<String, Location> bootedIn = new ConcurrentHashMap<>();
    private final Set<Location> noHost = ConcurrentHashMap.newKeySet();
    private final Set<Location> down = ConcurrentHashMap.newKeySet();
    private final Set<String> foundNoHost = ConcurrentHashMap.newKeySet();

    /** From now on a VM booted in {@code location} is accepted (202) and then goes to ERROR "No valid host". */
    public void noHostIn(Location location) {
        noHost.add(location);
    }

    /** {@code location}'s compute service is unreachable (503) for boots, lists and reads, or reachable again. */
    public void setDown(Location location, boolean isDown) {
        if (isDown) {
            down.add(location);
        } else {
            down.remove(location);
        }
    }

    public LocatedCompute(ComputeGateway delegate) {
        super(delegate);
    }

    @Override
    public Server boot(io.stackpilot.core.identity.Session session, BootRequest request) {
        reach(session);
        Server server = super.boot(session, request);
        bootedIn.put(server.id().value(), session.location());
        if (noHost.contains(session.location())) {
            foundNoHost.add(server.id().value());
        }
        return located(server);
    }

    @Override
    public Page<Server> listServers(io.stackpilot.core.identity.Session session, ServerQuery query) {
        reach(session);
        Page<Server> page = super.listServers(session, query);
        return new Page<>(page.items().stream().map(this::located).toList(), page.nextMarker());
    }

    @Override
    public Optional<Server> findServer(io.stackpilot.core.identity.Session session, ServerId id) {
        reach(session);
        return super.findServer(session, id).map(this::located);
    }

    private void reach(io.stackpilot.core.identity.Session session) {
        if (down.contains(session.location())) {
            throw new UpstreamUnavailableException("compute", "compute service of " + session.location().cloud()
                    + "/" + session.location().region() + " unreachable", null, null);
        }
    }

    /** Where the server was booted; the fake cloud's own location for one it did not see booted. */
    public Location locationOf(Server server) {
        return bootedIn.getOrDefault(server.id().value(), server.location());
    }

    private Server located(Server server) {
        boolean failed = foundNoHost.contains(server.id().value());
        return new Server(server.id(), server.name(), failed ? ServerStatus.ERROR : server.status(),
                server.addresses(), server.flavor(), server.image(), server.projectId(), server.createdAt(),
                server.preemptible(), server.metadata(), locationOf(server),
                failed ? "No valid host was found. There are not enough hosts available." : server.fault());
    }
}
