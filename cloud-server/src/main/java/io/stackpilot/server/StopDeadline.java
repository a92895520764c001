package io.stackpilot.server;

import java.time.Duration;

/**
 * The one point in time by which a graceful stop must be over, shared by its steps (HTTP drain, audit drain,
 * statistics job, database) so that their sum stays within {@code STACKPILOT_SHUTDOWN_TIMEOUT} and so within the
 * grace period of Kubernetes and systemd. Measured on the monotonic clock. Immutable.
 */
public record StopDeadline(long nanoTime) {
    public static StopDeadline after(Duration budget) {
        return new StopDeadline(System.nanoTime() + budget.toNanos());
    }

    /** The time left, zero once it has passed. */
    public Duration left() {
        return Duration.ofNanos(Math.max(0, nanoTime - System.nanoTime()));
    }

    public boolean passed() {
        return System.nanoTime() - nanoTime >= 0;
    }

    /** An earlier deadline that leaves {@code reserve} for the steps after it. */
    public StopDeadline minus(Duration reserve) {
        return new StopDeadline(nanoTime - reserve.toNanos());
    }
}
