package io.stackpilot.core.managed;

import io.stackpilot.core.common.Location;
import io.stackpilot.core.common.Require;
import java.time.Duration;

/**
 * How the reconciler works: {@code replica} names this process in claims, events and audit; {@code interval} is the
 * time between two passes over one resource ({@code STACKPILOT_RECONCILE_INTERVAL}, default 30 s); {@code lease}
 * how long a claim holds before another replica may take the resource over; {@code batchSize} how many resources
 * one pass claims; {@code locationConcurrency} how many operations of one location may run at once across all
 * replicas ({@code STACKPILOT_LOCATION_CONCURRENCY}, default 4); {@code defaultLocation} where the operations of a
 * resource that has no recorded location act (the daemon's own cloud).
 */
public record ReconcileSettings(String replica, Duration interval, Duration lease, int batchSize,
                                int locationConcurrency, Location defaultLocation) {
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
    public static final int DEFAULT_LOCATION_CONCURRENCY = 4;

    public ReconcileSettings {
        Require.notBlank(replica, "replica");
        Require.notNull(interval, "interval");
        Require.notNull(lease, "lease");
        if (interval.isNegative() || interval.isZero() || lease.isNegative() || lease.isZero() || batchSize < 1) {
            throw new IllegalArgumentException("interval, lease and batch size must be positive");
        }
        if (locationConcurrency < 1) {
            throw new IllegalArgumentException("location concurrency must be at least 1");
        }
        Require.notNull(defaultLocation, "defaultLocation");
    }

    /** With the default location concurrency, in {@link Location#DEFAULT}. */
    public ReconcileSettings(String replica, Duration interval, Duration lease, int batchSize) {
        this(replica, interval, lease, batchSize, DEFAULT_LOCATION_CONCURRENCY, Location.DEFAULT);
    }

    /** The same settings with at most {@code perLocation} operations of one location running at once. */
    public ReconcileSettings withLocationConcurrency(int perLocation, Location ownCloud) {
        return new ReconcileSettings(replica, interval, lease, batchSize, perLocation, ownCloud);
    }

    /** Where an operation on {@code resource} acts: its recorded location, else {@link #defaultLocation}. */
    public Location locationOf(ManagedServer resource) {
        Location recorded = resource.status().location();
        return recorded != null ? recorded : defaultLocation;
    }

    public static ReconcileSettings defaults(String replica) {
        return new ReconcileSettings(replica, DEFAULT_INTERVAL, Duration.ofSeconds(60), 500);
    }
}
