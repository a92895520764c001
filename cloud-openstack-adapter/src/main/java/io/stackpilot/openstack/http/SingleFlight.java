package io.stackpilot.openstack.http;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * One call for everybody who needs its result at the same time: whoever arrives while the call runs waits for it
 * and shares its outcome, failure included (the same exception is rethrown to every waiter). Nothing is kept once
 * the call has ended; the next caller runs it again. Used for logins and checks that every request needs first:
 * while the cloud hangs, callers queued for calls of their own would each wait one more full read timeout, in turn.
 * Thread-safe.
 */
public final class SingleFlight<T> {
    private final AtomicReference<CompletableFuture<T>> running = new AtomicReference<>();

    public T run(Supplier<T> call) {
        CompletableFuture<T> mine = new CompletableFuture<>();
        CompletableFuture<T> other = running.compareAndExchange(null, mine);
        if (other != null) {
            return awaitOutcome(other);
        }
        try {
            T result = call.get();
            mine.complete(result);
            return result;
        } catch (RuntimeException | Error failed) {
            mine.completeExceptionally(failed);
            throw failed;
        } finally {
            running.set(null);
        }
    }

    private static <T> T awaitOutcome(CompletableFuture<T> call) {
        try {
            return call.join();
        } catch (CompletionException failed) {
            if (failed.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (failed.getCause() instanceof Error error) {
                throw error;
            }
            throw failed;
        }
    }
}
