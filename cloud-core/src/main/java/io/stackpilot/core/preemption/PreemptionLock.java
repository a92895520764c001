package io.stackpilot.core.preemption;

import java.util.function.Supplier;

/**
 * Serializes preemption decisions across every replica on one database (PostgreSQL implements it with an advisory
 * lock): while one create holds a key (a project for quota, a cloud and region for capacity), another create with
 * the same key waits, then sees the room the first took and the victims it evicted. Thread-safe.
 */
public interface PreemptionLock {

    /** Runs {@code work} holding {@code key}; the lock is released when it returns or throws, or its holder dies. */
    <T> T holding(String key, Supplier<T> work);
}
