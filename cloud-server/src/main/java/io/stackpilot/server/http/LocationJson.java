package io.stackpilot.server.http;

import io.stackpilot.core.compute.ComputeLimits;
import io.stackpilot.core.location.LocationStatus;
import java.time.Instant;
import java.util.List;

/** One location of {@code GET /api/v1/locations}; {@code limits} is null when unavailable, {@code reason} otherwise. */
record LocationJson(String name, String cloud, String region, boolean available, int priority, Instant checkedAt,
                    Limits limits, String unavailableReason) {

    record Listing(List<LocationJson> locations) {
    }

    /** Instances, cores and RAM: each limit (-1: unlimited) and use. */
    record Limits(LimitsJson.Usage instances, LimitsJson.Usage cores, LimitsJson.Usage ramMb) {
    }

    static Listing listing(List<LocationStatus> statuses) {
        return new Listing(statuses.stream().map(LocationJson::of).toList());
    }

    static LocationJson of(LocationStatus status) {
        var location = status.location();
        return new LocationJson(location.name(), location.location().cloud(), location.location().region(),
                status.available(), location.priority(), status.checkedAt(),
                status.computeLimits().map(LocationJson::limits).orElse(null),
                status.unavailableReason().orElse(null));
    }

    private static Limits limits(ComputeLimits compute) {
        return new Limits(new LimitsJson.Usage(compute.maxInstances(), compute.usedInstances()),
                new LimitsJson.Usage(compute.maxCores(), compute.usedCores()),
                new LimitsJson.Usage(compute.maxRamMb(), compute.usedRamMb()));
    }
}
