package io.stackpilot.openstack.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.IntSupplier;

/**
 * Callers of one operation on platform threads at once, for tests of "callers arriving while the first one waits on
 * the cloud share its outcome". Collects what each caller threw.
 */
public final class ConcurrentCallers {
    private final List<Thread> callers = new ArrayList<>();
    private final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();

    private ConcurrentCallers() {
    }

    /** Starts {@code count} threads that each run {@code call} once. */
    public static ConcurrentCallers start(int count, Runnable call) {
        ConcurrentCallers started = new ConcurrentCallers();
        for (int i = 0; i < count; i++) {
            started.callers.add(Thread.ofPlatform().start(() -> {
                try {
                    call.run();
                } catch (RuntimeException failure) {
                    started.failures.add(failure);
                }
            }));
        }
        return started;
    }

    /**
     * Waits (up to 20 s, else fails) until the cloud has seen at least one request and all callers but one are parked
     * (blocked or waiting) behind it.
     */
    public ConcurrentCallers awaitQueuedBehind(IntSupplier requestsSeen) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (requestsSeen.getAsInt() < 1 || callers.stream().filter(ConcurrentCallers::parked).count()
                < callers.size() - 1) {
            assertThat(System.nanoTime()).as("callers waiting behind the first request").isLessThan(deadline);
            Thread.sleep(10);
        }
        return this;
    }

    /** Waits for every caller to end and returns what they threw. */
    public List<Throwable> join() throws InterruptedException {
        for (Thread caller : callers) {
            caller.join(Duration.ofSeconds(30));
        }
        return List.copyOf(failures);
    }

    private static boolean parked(Thread caller) {
        return caller.getState() == Thread.State.BLOCKED || caller.getState() == Thread.State.WAITING;
    }
}
