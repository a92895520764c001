package io.stackpilot.core.limits;

import io.stackpilot.core.common.Require;
import io.stackpilot.core.compute.ComputeLimits;
import io.stackpilot.core.network.NetworkQuota;

/** A project's quota and use: instances, cores and RAM from the compute service, the rest from the network's. */
public record ProjectLimits(String projectId, ComputeLimits compute, NetworkQuota network) {
    public ProjectLimits {
        Require.notBlank(projectId, "projectId");
        Require.notNull(compute, "compute");
        Require.notNull(network, "network");
    }
}
