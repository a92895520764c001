package io.stackpilot.core.network;

import io.stackpilot.core.identity.Session;
import java.util.List;
import java.util.Optional;

/**
 * A cloud's floating IPs and the server ports they attach to (Neutron implements it). Thread-safe. The gateway
 * filters nothing by ownership beyond asking for the session's project: a token with the admin role sees other
 * projects' objects by id, so {@link io.stackpilot.core.reach.FloatingIpService} checks the project of every object itself.
 */
public interface FloatingIpGateway {

    /** The floating IPs of the session's project (as the cloud filters them), all pages followed. Idempotent. */
    List<FloatingIp> listFloatingIps(Session session);

    /** Empty when it does not exist or is not visible to the session. Idempotent. */
    Optional<FloatingIp> findFloatingIp(Session session, String id);

    /**
     * Allocates a new address from the external network to the session's project. Not idempotent, never retried.
     *
     * @throws io.stackpilot.core.error.QuotaExceededException when the project's floating IP quota is used up
     */
    default FloatingIp allocate(Session session, String floatingNetworkId) {
        return allocate(session, floatingNetworkId, null);
    }

    /**
     * Allocates as {@link #allocate(Session, String)}, with the description (null: none) set in the same call, so
     * that an address is never there without its mark.
     */
    FloatingIp allocate(Session session, String floatingNetworkId, String description);

    /**
     * Associates the floating IP with the port (and its first IPv4 address). Idempotent for the same port.
     *
     * @throws io.stackpilot.core.error.ConflictException when the cloud refuses (e.g. the address is in use)
     */
    FloatingIp associate(Session session, String id, String portId, String fixedIp);

    /** Removes any association. Idempotent. */
    FloatingIp disassociate(Session session, String id);

    /**
     * Gives the address back to the external network.
     *
     * @throws io.stackpilot.core.error.NotFoundException when it does not exist or is not visible
     */
    void release(Session session, String id);

    /** The ports whose device is the server (a compute server's id; empty when none or unknown). Idempotent. */
    List<ServerPort> serverPorts(Session session, String serverId);
}
