package io.stackpilot.core.preemption;

/** Why preemptible servers were evicted: the project's quota, or the cloud's capacity (no host had room). */
public enum PreemptionReason {
    QUOTA, CAPACITY;

    /** "quota" or "capacity", as the API, the metric and the database spell it. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static PreemptionReason fromWire(String value) {
        return valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }
}
