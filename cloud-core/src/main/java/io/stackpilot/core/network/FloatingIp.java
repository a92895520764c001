package io.stackpilot.core.network;

import io.stackpilot.core.common.Location;
import io.stackpilot.core.common.Require;

/**
 * A public address of an external network that the project holds (Neutron's floating IP). {@code portId},
 * {@code fixedIp} and {@code serverId} are null while it is not associated; {@code serverId} is the device of the
 * associated port when the cloud tells it. {@code description} is the cloud's free text (null when empty): the
 * engine marks the addresses it allocates there.
 */
public record FloatingIp(String id, String ip, String floatingNetworkId, String projectId, String status,
                         String portId, String fixedIp, String serverId, String description, Location location) {
    public FloatingIp {
        Require.notBlank(id, "floating ip id");
        Require.notBlank(ip, "floating ip address");
        Require.notNull(floatingNetworkId, "floating network id");
        Require.notNull(projectId, "project id");
        Require.notNull(status, "status");
        Require.notNull(location, "location");
    }

    /** An address without a description. */
    public FloatingIp(String id, String ip, String floatingNetworkId, String projectId, String status, String portId,
                      String fixedIp, String serverId, Location location) {
        this(id, ip, floatingNetworkId, projectId, status, portId, fixedIp, serverId, null, location);
    }

    /** Whether it is associated with a port. */
    public boolean associated() {
        return portId != null;
    }
}
