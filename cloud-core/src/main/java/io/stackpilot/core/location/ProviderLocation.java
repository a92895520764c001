package io.stackpilot.core.location;

import io.stackpilot.core.common.Location;
import io.stackpilot.core.common.Require;

/**
 * A configured place to run servers: a cloud's region, with its priority among the configured locations (lower is
 * preferred; the order of {@code STACKPILOT_CLOUDS}, then of the cloud's regions).
 */
public record ProviderLocation(Location location, int priority) {
    public ProviderLocation {
        Require.notNull(location, "location");
        if (priority < 1) {
            throw new IllegalArgumentException("priority must be 1 or more, was " + priority);
        }
    }

    /** The location as users name it: {@code cloud/region}. */
    public String name() {
        return location.cloud() + "/" + location.region();
    }
}
