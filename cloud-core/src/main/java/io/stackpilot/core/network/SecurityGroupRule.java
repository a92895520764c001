package io.stackpilot.core.network;

import io.stackpilot.core.common.Require;

/** One rule of a security group as the cloud holds it. */
public record SecurityGroupRule(String id, String direction, String ethertype, String protocol, Integer portRangeMin,
                                Integer portRangeMax, String remoteIpPrefix, String remoteGroupId) {
    public SecurityGroupRule {
        Require.notBlank(id, "rule id");
        Require.notNull(direction, "direction");
        Require.notNull(ethertype, "ethertype");
    }
}
