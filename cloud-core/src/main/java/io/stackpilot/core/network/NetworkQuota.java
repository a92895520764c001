package io.stackpilot.core.network;

/** A project's network quota and use (Neutron's quota details); a max of -1 means unlimited. */
public record NetworkQuota(int maxFloatingIps, int usedFloatingIps, int maxSecurityGroups, int usedSecurityGroups) {
}
