package io.stackpilot.core.placement;

import io.stackpilot.core.common.Require;
import java.time.Instant;

/**
 * A location the engine considered and did not use, with the reason (no room, unavailable, the create failed, the
 * VM found no host, the location lacks the flavor, image or network) and when it was decided.
 */
public record Tried(String location, String reason, Instant at) {
    public Tried {
        Require.notBlank(location, "location");
        Require.notBlank(reason, "reason");
        Require.notNull(at, "at");
    }

    @Override
    public String toString() {
        return location + ": " + reason;
    }
}
