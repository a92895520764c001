package io.stackpilot.core.preemption;

/**
 * Told of every eviction once it is recorded: the server writes the audit row and counts the metric. Must not
 * throw: the eviction already happened. Thread-safe.
 */
public interface PreemptionListener {
    PreemptionListener NONE = eviction -> { };

    void evicted(Eviction eviction);
}
