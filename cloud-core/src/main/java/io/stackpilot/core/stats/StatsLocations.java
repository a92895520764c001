package io.stackpilot.core.stats;

import io.stackpilot.core.common.Location;
import io.stackpilot.core.common.Require;
import io.stackpilot.core.identity.Session;
import io.stackpilot.core.location.Ownership;
import java.util.List;
import java.util.function.Function;

/**
 * The locations the hourly sample covers besides the identity cloud's own, and how to act in each: the session of
 * that location's service account. In another region of the identity cloud ({@code homeCloud}) that account lists
 * every project's servers, as in the home location; in a provider location it lists its own project, where a VM
 * belongs to the project its {@value #OWNER_METADATA_KEY} metadata names.
 */
public record StatsLocations(String homeCloud, List<Location> others, Function<Location, Session> serviceSessions) {
    /** The Nova metadata key naming a VM's owner project in a provider location. */
    public static final String OWNER_METADATA_KEY = Ownership.OWNER_METADATA_KEY;

    public StatsLocations {
        Require.notBlank(homeCloud, "homeCloud");
        others = List.copyOf(Require.notNull(others, "others"));
        Require.notNull(serviceSessions, "serviceSessions");
    }

    /** Only the identity cloud's own location, as before locations. */
    public static StatsLocations none() {
        return new StatsLocations("none", List.of(), location -> {
            throw new IllegalStateException("no other location is sampled");
        });
    }

    /** The sample key of a location other than the home one: {@code cloud/region}. */
    public static String key(Location location) {
        return location.cloud() + "/" + location.region();
    }
}
