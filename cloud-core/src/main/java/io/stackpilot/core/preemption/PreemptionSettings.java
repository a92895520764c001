package io.stackpilot.core.preemption;

import io.stackpilot.core.common.Require;
import java.time.Duration;

/**
 * How long a standard create waits for evicted servers to be gone and the room to show ({@code evictionWait}), for
 * its server to leave BUILD to know whether it found a host ({@code schedulingWait}), how often it looks
 * ({@code poll}), and who acts ({@code replica}, for the operations).
 */
public record PreemptionSettings(String replica, Duration evictionWait, Duration schedulingWait, Duration poll) {
    public PreemptionSettings {
        Require.notBlank(replica, "replica");
        Require.notNull(evictionWait, "evictionWait");
        Require.notNull(schedulingWait, "schedulingWait");
        Require.notNull(poll, "poll");
    }

    public static PreemptionSettings defaults(String replica) {
        return new PreemptionSettings(replica, Duration.ofMinutes(2), Duration.ofMinutes(2), Duration.ofSeconds(1));
    }
}
