package io.stackpilot.core.network;

import io.stackpilot.core.common.Require;
import java.util.List;

/** A server's network port: the attachment a floating IP is associated with. */
public record ServerPort(String id, String networkId, String projectId, String serverId, List<String> fixedIps) {
    public ServerPort {
        Require.notBlank(id, "port id");
        Require.notNull(networkId, "network id");
        Require.notNull(projectId, "project id");
        fixedIps = List.copyOf(Require.notNull(fixedIps, "fixed ips"));
    }

    /** The first IPv4 fixed address, which a floating IPv4 address maps to; null when the port has none. */
    public String ipv4() {
        return fixedIps.stream().filter(ip -> ip.indexOf(':') < 0).findFirst().orElse(null);
    }
}
