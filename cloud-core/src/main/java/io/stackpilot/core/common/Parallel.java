package io.stackpilot.core.common;

import io.stackpilot.core.error.StackpilotException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Runs independent calls of one operation at the same time, each on its own virtual thread, and waits for all.
 * The first failure (in argument order) is rethrown as it was thrown, so callers see the same exceptions as with
 * sequential calls.
 */
public final class Parallel {
    private Parallel() {
    }

    /** Calls every supplier on its own virtual thread and returns their results in argument order. */
    public static List<Object> all(List<Supplier<?>> calls) {
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> futures = new ArrayList<>();
            for (Supplier<?> call : calls) {
                futures.add(executor.submit(call::get));
            }
            List<Object> results = new ArrayList<>();
            for (Future<?> future : futures) {
                results.add(await(future));
            }
            return results;
        }
    }

    private static Object await(Future<?> future) {
        try {
            return future.get();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a parallel call", interrupted);
        } catch (ExecutionException failed) {
            Throwable cause = failed.getCause();
            if (cause instanceof StackpilotException || cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }
}
