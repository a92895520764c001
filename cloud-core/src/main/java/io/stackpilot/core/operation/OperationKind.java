package io.stackpilot.core.operation;

import java.util.Locale;

/** What an operation does to its target. {@code PREEMPT} is reserved for the preemption policy built on this engine. */
public enum OperationKind {
    /** Boot the target's VM (or adopt the one that carries its marker). */
    CREATE,
    /** Delete the target's VM, then the target itself. */
    DELETE,
    /** Delete the target's current VM and boot a new one from its spec. */
    REPLACE,
    /** Delete a preemptible VM to make room (the target is the VM's id; see PreemptionService). */
    PREEMPT,
    /**
     * Once the VM is ACTIVE, give it a floating IP (the target is the VM's id; see
     * {@link io.stackpilot.core.reach.FloatingIpAtLaunch}).
     */
    ASSOCIATE_FLOATING_IP;

    /** The name the API and the database use: lower case, words joined by '-' ({@code associate-floating-ip}). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** @throws IllegalArgumentException for an unknown kind */
    public static OperationKind parse(String wireName) {
        return valueOf(wireName.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
