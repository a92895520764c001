package io.stackpilot.server;

import io.stackpilot.core.common.Require;
import io.stackpilot.core.compute.KeyPairGateway;
import io.stackpilot.core.network.FloatingIpGateway;
import io.stackpilot.core.network.SecurityGroupGateway;

/**
 * What reaching a VM needs from the cloud: floating IPs and security groups (Neutron's in the daemon) and key pairs
 * (Nova's); the in-memory {@code FakeReach} in tests.
 */
public record ReachGateways(FloatingIpGateway floatingIps, SecurityGroupGateway securityGroups,
                            KeyPairGateway keyPairs) {
    public ReachGateways {
        Require.notNull(floatingIps, "floatingIps");
        Require.notNull(securityGroups, "securityGroups");
        Require.notNull(keyPairs, "keyPairs");
    }
}
