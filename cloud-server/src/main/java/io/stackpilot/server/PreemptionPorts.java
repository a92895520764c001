package io.stackpilot.server;

import io.stackpilot.core.common.Require;
import io.stackpilot.core.preemption.PreemptionLock;
import io.stackpilot.core.preemption.PreemptionRepository;
import java.time.Duration;

/**
 * What preemption needs beyond the engine's ports: the eviction records, the lock that serializes decisions across
 * replicas (the database's in the daemon, in-memory in tests), and how long a standard create waits for its server
 * to leave BUILD to see whether a host was found ({@code schedulingWait}; zero switches the capacity trigger off).
 */
public record PreemptionPorts(PreemptionRepository evictions, PreemptionLock lock, Duration schedulingWait) {
    /** The daemon's wait: longer than a boot's scheduling takes on a loaded cloud. */
    public static final Duration SCHEDULING_WAIT = Duration.ofMinutes(2);

    public PreemptionPorts {
        Require.notNull(evictions, "evictions");
        Require.notNull(lock, "lock");
        Require.notNull(schedulingWait, "schedulingWait");
    }
}
