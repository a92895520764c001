package io.stackpilot.server.http;

import io.stackpilot.core.limits.ProjectLimits;

/** {@code GET /api/v1/limits}: each resource's limit (-1: unlimited) and use in the caller's project. */
record LimitsJson(String projectId, Usage instances, Usage cores, Usage ramMb, Usage floatingIps,
                  Usage securityGroups) {

    record Usage(int limit, int used) {
    }

    static LimitsJson of(ProjectLimits limits) {
        var compute = limits.compute();
        var network = limits.network();
        return new LimitsJson(limits.projectId(), new Usage(compute.maxInstances(), compute.usedInstances()),
                new Usage(compute.maxCores(), compute.usedCores()), new Usage(compute.maxRamMb(), compute.usedRamMb()),
                new Usage(network.maxFloatingIps(), network.usedFloatingIps()),
                new Usage(network.maxSecurityGroups(), network.usedSecurityGroups()));
    }
}
