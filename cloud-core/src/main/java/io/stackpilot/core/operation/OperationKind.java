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
    PREEMPT;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
