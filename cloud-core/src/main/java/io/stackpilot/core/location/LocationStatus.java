package io.stackpilot.core.location;

import io.stackpilot.core.common.Require;
import io.stackpilot.core.compute.ComputeLimits;
import java.time.Instant;
import java.util.Optional;

/**
 * What is known of one location at {@code checkedAt}: available with its limits and use, or unavailable with the
 * reason (the cloud did not answer, or answered with an error).
 */
public record LocationStatus(ProviderLocation location, Instant checkedAt, ComputeLimits limits, String problem) {
    public LocationStatus {
        Require.notNull(location, "location");
        Require.notNull(checkedAt, "checkedAt");
        if ((limits == null) == (problem == null)) {
            throw new IllegalArgumentException("a location status has either limits or a problem");
        }
    }

    static LocationStatus available(ProviderLocation location, Instant checkedAt, ComputeLimits limits) {
        return new LocationStatus(location, checkedAt, limits, null);
    }

    static LocationStatus unavailable(ProviderLocation location, Instant checkedAt, String problem) {
        return new LocationStatus(location, checkedAt, null, problem);
    }

    public boolean available() {
        return limits != null;
    }

    /** The limits and use; empty when the location is unavailable. */
    public Optional<ComputeLimits> computeLimits() {
        return Optional.ofNullable(limits);
    }

    /** Why the location is unavailable; empty when it is available. */
    public Optional<String> unavailableReason() {
        return Optional.ofNullable(problem);
    }
}
