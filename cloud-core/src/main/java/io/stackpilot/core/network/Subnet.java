package io.stackpilot.core.network;

import io.stackpilot.core.common.Require;

/** An IP range on a network. */
public record Subnet(String id, String cidr, int ipVersion) {
    public Subnet {
        Require.notBlank(id, "subnet id");
        Require.notBlank(cidr, "cidr");
        if (ipVersion != 4 && ipVersion != 6) {
            throw new IllegalArgumentException("ip version must be 4 or 6, was " + ipVersion);
        }
    }
}
