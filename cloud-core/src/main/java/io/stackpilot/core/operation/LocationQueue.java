package io.stackpilot.core.operation;

import io.stackpilot.core.common.Location;
import io.stackpilot.core.common.Require;
import java.time.Instant;

/**
 * The operations queue of one location at one moment: how many operations wait ({@code queued}) and run
 * ({@code running}), until when the location's work is held back after the cloud asked us to slow down
 * ({@code pausedUntil}, null when it is not; {@code pauseReason} the cloud's answer), and how many failed finally
 * since a recent instant ({@code failedRecently}).
 */
public record LocationQueue(Location location, int queued, int running, Instant pausedUntil, String pauseReason,
                            int failedRecently) {
    public LocationQueue {
        Require.notNull(location, "location");
        Require.notNegative(queued, "queued");
        Require.notNegative(running, "running");
        Require.notNegative(failedRecently, "failedRecently");
    }

    /** How the API and the database name a location: {@code cloud/region}. */
    public static String nameOf(Location location) {
        return location.cloud() + "/" + location.region();
    }

    /** The location named {@code cloud/region} (the cloud's name has no '/'). */
    public static Location parse(String name) {
        int slash = name.indexOf('/');
        if (slash <= 0 || slash == name.length() - 1) {
            throw new IllegalArgumentException("a location is cloud/region, was '" + name + "'");
        }
        return new Location(name.substring(0, slash), name.substring(slash + 1));
    }
}
