package io.stackpilot.persistence.preemption;

import io.stackpilot.core.error.ConflictException;
import io.stackpilot.core.preemption.PreemptionLock;
import java.time.Duration;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * A PostgreSQL session advisory lock per key ({@code hashtextextended(key, 0)}), held on one pooled connection
 * while the work runs, so every replica on the database waits for it; PostgreSQL drops it when the connection ends,
 * so a replica killed while holding it blocks no one. It is taken with {@code pg_try_advisory_lock} in a loop, not
 * a blocking call, so the statement timeout never cuts a long wait short. Thread-safe.
 */
public final class AdvisoryPreemptionLock implements PreemptionLock {
    private static final Duration POLL = Duration.ofMillis(100);

    private final Jdbi jdbi;
    private final Duration maxWait;

    public AdvisoryPreemptionLock(Jdbi jdbi, Duration maxWait) {
        this.jdbi = jdbi;
        this.maxWait = maxWait;
    }

    @Override
    public <T> T holding(String key, Supplier<T> work) {
        try (Handle handle = jdbi.open()) {
            long deadline = System.nanoTime() + maxWait.toNanos();
            while (!handle.createQuery("SELECT pg_try_advisory_lock(hashtextextended(:key, 0))").bind("key", key)
                    .mapTo(Boolean.class).one()) {
                if (System.nanoTime() >= deadline) {
                    throw new ConflictException("another create is making room (" + key + ") for longer than "
                            + maxWait + "; retry");
                }
                sleep();
            }
            try {
                return work.get();
            } finally {
                handle.createQuery("SELECT pg_advisory_unlock(hashtextextended(:key, 0))").bind("key", key)
                        .mapTo(Boolean.class).one();
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the preemption lock", interrupted);
        }
    }
}
