package io.stackpilot.core.location;

import io.stackpilot.core.common.Require;

/** A location that did not answer a request made across locations, and why (as users read it). */
public record UnavailableLocation(String location, String reason) {
    public UnavailableLocation {
        Require.notBlank(location, "location");
        Require.notBlank(reason, "reason");
    }
}
