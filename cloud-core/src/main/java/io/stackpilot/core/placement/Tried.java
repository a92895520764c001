package io.stackpilot.core.placement;

import io.stackpilot.core.common.Require;

/** A location the engine considered and did not use, with the reason (no room, unavailable, the create failed). */
public record Tried(String location, String reason) {
    public Tried {
        Require.notBlank(location, "location");
        Require.notBlank(reason, "reason");
    }

    @Override
    public String toString() {
        return location + ": " + reason;
    }
}
