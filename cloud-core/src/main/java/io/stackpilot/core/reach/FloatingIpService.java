package io.stackpilot.core.reach;

import io.stackpilot.core.compute.ComputeGateway;
import io.stackpilot.core.compute.Server;
import io.stackpilot.core.compute.ServerId;
import io.stackpilot.core.error.ConflictException;
import io.stackpilot.core.error.InvalidRequestException;
import io.stackpilot.core.error.NotFoundException;
import io.stackpilot.core.identity.Session;
import io.stackpilot.core.network.FloatingIp;
import io.stackpilot.core.network.FloatingIpGateway;
import io.stackpilot.core.network.Network;
import io.stackpilot.core.network.NetworkGateway;
import io.stackpilot.core.network.ServerPort;
import java.util.List;

/**
 * The caller's floating IPs: list, show, allocate, associate with a server, disassociate, release. Every floating IP,
 * server and port returned or changed belongs to the session's project; another project's is reported exactly like
 * a missing one, whatever the cloud's policy lets the token see (Neutron shows an admin-role token every project's
 * floating IPs). Thread-safe.
 */
public final class FloatingIpService {
    private final FloatingIpGateway floatingIps;
    private final ComputeGateway compute;
    private final NetworkGateway networks;

    public FloatingIpService(FloatingIpGateway floatingIps, ComputeGateway compute, NetworkGateway networks) {
        this.floatingIps = floatingIps;
        this.compute = compute;
        this.networks = networks;
    }

    public List<FloatingIp> list(Session session) {
        return floatingIps.listFloatingIps(session).stream().filter(ip -> owned(session, ip.projectId())).toList();
    }

    /** @throws NotFoundException when it does not exist or belongs to another project */
    public FloatingIp get(Session session, String id) {
        return floatingIps.findFloatingIp(session, id).filter(ip -> owned(session, ip.projectId()))
                .orElseThrow(() -> new NotFoundException("floating ip", id));
    }

    /**
     * Allocates an address from the given external network, or, when {@code floatingNetworkId} is null, from the
     * only external network the project sees.
     *
     * @throws InvalidRequestException when the network is not an external one, or none or several are there to
     *     choose from
     */
    public FloatingIp allocate(Session session, String floatingNetworkId) {
        List<Network> external = networks.listNetworks(session).stream().filter(Network::external).toList();
        String network = floatingNetworkId;
        if (network == null) {
            if (external.size() != 1) {
                throw InvalidRequestException.of("floating_network_id", external.isEmpty()
                        ? "is needed, but the cloud has no external network for this project"
                        : "is needed: the project sees several external networks ("
                        + String.join(", ", external.stream().map(Network::id).toList()) + ")");
            }
            network = external.getFirst().id();
        } else if (external.stream().noneMatch(n -> n.id().equals(floatingNetworkId))) {
            throw InvalidRequestException.of("floating_network_id", "unknown external network " + floatingNetworkId);
        }
        return floatingIps.allocate(session, network);
    }

    /**
     * Associates the floating IP with the server's first port that has an IPv4 address. Associating it again with
     * the same server changes nothing.
     *
     * @throws NotFoundException when the floating IP or the server does not exist or belongs to another project
     * @throws ConflictException when the server has no port with an IPv4 address (yet)
     */
    public FloatingIp associate(Session session, String id, ServerId serverId) {
        FloatingIp ip = get(session, id);
        Server server = compute.findServer(session, serverId).filter(s -> owned(session, s.projectId()))
                .orElseThrow(() -> new NotFoundException("server", serverId.value()));
        ServerPort port = floatingIps.serverPorts(session, server.id().value()).stream()
                .filter(p -> owned(session, p.projectId()) && p.ipv4() != null).findFirst()
                .orElseThrow(() -> new ConflictException("server " + serverId.value()
                        + " has no port with an IPv4 address yet; try again once it is ACTIVE"));
        if (port.id().equals(ip.portId())) {
            return ip;
        }
        return floatingIps.associate(session, ip.id(), port.id(), port.ipv4());
    }

    /**
     * Removes the floating IP's association, if any.
     *
     * @throws NotFoundException when it does not exist or belongs to another project
     */
    public FloatingIp disassociate(Session session, String id) {
        FloatingIp ip = get(session, id);
        return ip.associated() ? floatingIps.disassociate(session, ip.id()) : ip;
    }

    /**
     * Releases the address (also when associated: the cloud disassociates it first).
     *
     * @throws NotFoundException when it does not exist or belongs to another project
     */
    public void release(Session session, String id) {
        floatingIps.release(session, get(session, id).id());
    }

    /**
     * Allocates an address (as {@link #allocate}) and associates it with the (ACTIVE) server; when that fails, the
     * address is released again and the failure thrown.
     */
    public FloatingIp allocateFor(Session session, String floatingNetworkId, ServerId serverId) {
        FloatingIp ip = allocate(session, floatingNetworkId);
        try {
            return associate(session, ip.id(), serverId);
        } catch (RuntimeException failed) {
            // An address that reaches nothing would stay allocated (and count against the quota) unseen.
            try {
                floatingIps.release(session, ip.id());
            } catch (RuntimeException releaseFailed) {
                failed.addSuppressed(releaseFailed);
            }
            throw failed;
        }
    }

    private static boolean owned(Session session, String projectId) {
        return session.project().id().equals(projectId);
    }
}
