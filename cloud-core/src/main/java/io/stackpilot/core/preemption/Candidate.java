package io.stackpilot.core.preemption;

import io.stackpilot.core.common.Require;
import io.stackpilot.core.compute.Server;

/** A preemptible server that could be evicted, with what its eviction frees. */
public record Candidate(Server server, Resources frees) {
    public Candidate {
        Require.notNull(server, "server");
        Require.notNull(frees, "frees");
        if (!server.preemptible()) {
            throw new IllegalArgumentException("only a preemptible server can be a candidate");
        }
    }
}
