package io.stackpilot.core.compute;

import io.stackpilot.core.common.Require;

/** One IP address of a server on one network. {@code mac} may be null when the cloud does not say. */
public record Address(String network, String ip, int version, AddressType type, String mac) {
    public Address {
        Require.notBlank(network, "network");
        Require.notBlank(ip, "ip");
        if (version != 4 && version != 6) {
            throw new IllegalArgumentException("ip version must be 4 or 6, was " + version);
        }
        Require.notNull(type, "type");
    }
}
