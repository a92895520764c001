package io.stackpilot.core.limits;

import io.stackpilot.core.common.Parallel;
import io.stackpilot.core.compute.ComputeGateway;
import io.stackpilot.core.compute.ComputeLimits;
import io.stackpilot.core.identity.Session;
import io.stackpilot.core.network.NetworkGateway;
import io.stackpilot.core.network.NetworkQuota;

/**
 * The caller's project quota and use, asked of the compute and network services at the same time (two calls in
 * all), always for the session's own project. Thread-safe.
 */
public final class LimitsService {
    private final ComputeGateway compute;
    private final NetworkGateway networks;

    public LimitsService(ComputeGateway compute, NetworkGateway networks) {
        this.compute = compute;
        this.networks = networks;
    }

    public ProjectLimits show(Session session) {
        Parallel.Two<ComputeLimits, NetworkQuota> both = Parallel.join(() -> compute.limits(session),
                () -> networks.quota(session));
        return new ProjectLimits(session.project().id(), both.first(), both.second());
    }
}
