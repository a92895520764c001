package io.stackpilot.core.common;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Runs independent calls of one operation at the same time, each on its own virtual thread, and waits for all.
 * The first failure (in argument order) is rethrown as it was thrown, so callers see the same exceptions as with
 * sequential calls. Results come back typed, in argument order.
 */
public final class Parallel {
    private Parallel() {
    }

    /** The results of two parallel calls. */
    public record Two<A, B>(A first, B second) {
    }

    /** The results of three parallel calls. */
    public record Three<A, B, C>(A first, B second, C third) {
    }

    /** Calls both suppliers on their own virtual threads and returns both results. */
    public static <A, B> Two<A, B> join(Supplier<A> first, Supplier<B> second) {
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<A> a = executor.submit(first::get);
            Future<B> b = executor.submit(second::get);
            return new Two<>(await(a), await(b));
        }
    }

    /** Calls the three suppliers on their own virtual threads and returns the three results. */
    public static <A, B, C> Three<A, B, C> join(Supplier<A> first, Supplier<B> second, Supplier<C> third) {
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<A> a = executor.submit(first::get);
            Future<B> b = executor.submit(second::get);
            Future<C> c = executor.submit(third::get);
            return new Three<>(await(a), await(b), await(c));
        }
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a parallel call", interrupted);
        } catch (ExecutionException failed) {
            Throwable cause = failed.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }
}
