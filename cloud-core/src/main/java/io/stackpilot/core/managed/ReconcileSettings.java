package io.stackpilot.core.managed;

import io.stackpilot.core.common.Require;
import java.time.Duration;

/**
 * How the reconciler works: {@code replica} names this process in claims, events and audit; {@code interval} is the
 * time between two passes over one resource ({@code STACKPILOT_RECONCILE_INTERVAL}, default 30 s); {@code lease}
 * how long a claim holds before another replica may take the resource over; {@code batchSize} how many resources
 * one pass claims.
 */
public record ReconcileSettings(String replica, Duration interval, Duration lease, int batchSize) {
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);

    public ReconcileSettings {
        Require.notBlank(replica, "replica");
        Require.notNull(interval, "interval");
        Require.notNull(lease, "lease");
        if (interval.isNegative() || interval.isZero() || lease.isNegative() || lease.isZero() || batchSize < 1) {
            throw new IllegalArgumentException("interval, lease and batch size must be positive");
        }
    }

    public static ReconcileSettings defaults(String replica) {
        return new ReconcileSettings(replica, DEFAULT_INTERVAL, Duration.ofSeconds(60), 500);
    }
}
