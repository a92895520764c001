package io.stackpilot.core.managed;

import java.util.Locale;

/** What the engine does when a spec change cannot be applied to the running VM in place (flavor, image, networks). */
public enum UpdatePolicy {
    /** Leave the VM alone and report the resource {@link Phase#DRIFTED} until the owner acts. The default. */
    MANUAL,
    /** Replace the VM: delete the old one, boot one from the new spec. */
    REPLACE;

    /** The API's spelling ("manual", "replace"). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException for anything but "manual" and "replace" (case-insensitive) */
    public static UpdatePolicy parse(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }
}
