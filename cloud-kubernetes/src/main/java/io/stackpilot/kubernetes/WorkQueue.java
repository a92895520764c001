package io.stackpilot.kubernetes;

import java.util.LinkedHashSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Keys to reconcile, spread over {@code workers} threads by hash, so that one key is only ever worked on by one
 * thread; a key added while it is queued is queued once. Thread-safe.
 */
final class WorkQueue implements AutoCloseable {
    private final Lane[] lanes;

    WorkQueue(int workers, Consumer<String> work) {
        lanes = new Lane[workers];
        for (int i = 0; i < workers; i++) {
            lanes[i] = new Lane(work, "k8s-reconcile-" + i);
        }
    }

    void add(String key) {
        lanes[Math.floorMod(key.hashCode(), lanes.length)].add(key);
    }

    @Override
    public void close() {
        for (Lane lane : lanes) {
            lane.close();
        }
    }

    private static final class Lane {
        private final LinkedHashSet<String> pending = new LinkedHashSet<>();
        private final ExecutorService thread;
        private final Consumer<String> work;
        private boolean draining;

        Lane(Consumer<String> work, String name) {
            this.work = work;
            this.thread = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name(name).factory());
        }

        synchronized void add(String key) {
            if (pending.add(key) && !draining) {
                draining = true;
                thread.execute(this::drain);
            }
        }

        private void drain() {
            while (true) {
                String key;
                synchronized (this) {
                    if (pending.isEmpty()) {
                        draining = false;
                        return;
                    }
                    key = pending.removeFirst();
                }
                work.accept(key);
            }
        }

        void close() {
            thread.shutdownNow();
        }
    }
}
