package io.stackpilot.core.flavor;

import java.util.function.Supplier;

/**
 * A lock shared by every replica on one database (PostgreSQL advisory lock): work that must happen once, such as
 * start-up initialisation, runs under it, one replica after the other. Thread-safe.
 */
public interface ClusterLock {

    /** Runs {@code work} while holding the lock {@code name}, waiting for it if another replica holds it. */
    <T> T whileHolding(String name, Supplier<T> work);
}
