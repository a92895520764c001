package io.stackpilot.core.compute;

import java.util.Locale;

/** A server's status as Nova reports it; anything this version does not know is {@link #UNKNOWN}, never an error. */
public enum ServerStatus {
    ACTIVE, BUILD, DELETED, ERROR, HARD_REBOOT, MIGRATING, PASSWORD, PAUSED, REBOOT, REBUILD, RESCUE, RESIZE,
    REVERT_RESIZE, SHELVED, SHELVED_OFFLOADED, SHUTOFF, SOFT_DELETED, SUSPENDED, VERIFY_RESIZE, UNKNOWN;

    /** Parses Nova's spelling (case-insensitive); null, blank or unknown values give {@link #UNKNOWN}. */
    public static ServerStatus parse(String value) {
        if (value == null || value.isBlank()) {
            return UNKNOWN;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            return UNKNOWN;
        }
    }
}
