package io.stackpilot.core.managed;

import io.stackpilot.core.compute.ComputeGateway;
import io.stackpilot.core.compute.Server;
import io.stackpilot.core.compute.ServerQuery;
import io.stackpilot.core.compute.ServerStatus;
import io.stackpilot.core.identity.Session;
import io.stackpilot.core.location.Ownership;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The VMs of one project from ONE paged list call, with every VM of another project dropped (the cloud's policy
 * is not trusted: an admin service account may see more than the project). Finds a managed server's VMs by its
 * marker, or by the server id its status names (a VM adopted after an import carries no marker).
 */
public final class OwnedServers {
    private final List<Server> servers;

    private OwnedServers(List<Server> servers) {
        this.servers = servers;
    }

    /**
     * Lists the session project's servers, all pages followed, keeping only those that belong to {@code projectId}
     * ({@link Ownership}: in a provider location's project, those whose owner metadata names it).
     */
    public static OwnedServers list(ComputeGateway compute, Session session, String projectId) {
        return new OwnedServers(compute.listServers(session, ServerQuery.all()).items().stream()
                .filter(server -> Ownership.ownedBy(server, projectId, session)).filter(OwnedServers::present)
                .toList());
    }

    /** These servers and {@code more} (of other locations). */
    public OwnedServers with(OwnedServers more) {
        List<Server> both = new java.util.ArrayList<>(servers);
        both.addAll(more.servers);
        return new OwnedServers(List.copyOf(both));
    }

    private static boolean present(Server server) {
        return server.status() != ServerStatus.DELETED && server.status() != ServerStatus.SOFT_DELETED;
    }

    public static OwnedServers of(List<Server> servers, String projectId) {
        return new OwnedServers(servers.stream().filter(server -> server.projectId().equals(projectId))
                .filter(server -> server.status() != ServerStatus.DELETED
                        && server.status() != ServerStatus.SOFT_DELETED)
                .toList());
    }

    /** Every VM that belongs to the resource: carrying its marker, or the one its status names. */
    public List<Server> of(ManagedServer resource) {
        return servers.stream().filter(server -> belongs(server, resource)).toList();
    }

    /** The VM to report: a good one (matching, not in ERROR) first, else any that belongs. */
    public Optional<Server> current(ManagedServer resource) {
        List<Server> candidates = of(resource);
        return candidates.stream().filter(server -> isGood(server, resource)).findFirst()
                .or(() -> candidates.stream().findFirst());
    }

    /** A VM the resource can keep: built from its spec and not in ERROR. */
    public static boolean isGood(Server server, ManagedServer resource) {
        return server.status() != ServerStatus.ERROR && SpecFingerprint.matches(server, resource.spec());
    }

    public List<Server> all() {
        return servers;
    }

    private static boolean belongs(Server server, ManagedServer resource) {
        return resource.marker().equals(server.metadata().get(ManagedServer.MARKER_METADATA_KEY))
                || Objects.equals(server.id().value(), resource.status().serverId());
    }
}
