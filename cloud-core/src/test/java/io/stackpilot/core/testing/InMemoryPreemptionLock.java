package io.stackpilot.core.testing;

import io.stackpilot.core.preemption.PreemptionLock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/** One JVM's locks per key: what the advisory lock gives across replicas, for tests in one process. */
public final class InMemoryPreemptionLock implements PreemptionLock {
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    @Override
    public <T> T holding(String key, Supplier<T> work) {
        ReentrantLock lock = locks.computeIfAbsent(key, k -> new ReentrantLock());
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }
}
