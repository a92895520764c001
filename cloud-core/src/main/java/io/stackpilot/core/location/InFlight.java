package io.stackpilot.core.location;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Single flight: a call made while an identical one (an equal key) is still running is not made again; it waits
 * for the running one and gets its answer or its exception. Nothing is kept once a call has answered: the next
 * call with that key calls again. The key must hold everything the answer depends on, the caller's scope first
 * ({@link CallerScope}), or one caller would get another's answer. Thread-safe.
 */
final class InFlight<K, V> {
    private final Map<K, CompletableFuture<V>> running = new ConcurrentHashMap<>();
    private final AtomicInteger sharing = new AtomicInteger();

    /** The answer of {@code call}, made here or by the identical call in flight. */
    V call(K key, Supplier<V> call) {
        CompletableFuture<V> mine = new CompletableFuture<>();
        CompletableFuture<V> theirs = running.putIfAbsent(key, mine);
        return theirs == null ? make(key, mine, call) : share(theirs);
    }

    /** How many callers wait for a call another caller made (for tests and monitoring). */
    int sharing() {
        return sharing.get();
    }

    private V make(K key, CompletableFuture<V> mine, Supplier<V> call) {
        try {
            V answer = call.get();
            // removed before it completes: a call arriving later calls again instead of taking a finished answer
            running.remove(key, mine);
            mine.complete(answer);
            return answer;
        } catch (RuntimeException | Error failed) {
            running.remove(key, mine);
            mine.completeExceptionally(failed);
            throw failed;
        }
    }

    private V share(CompletableFuture<V> theirs) {
        sharing.incrementAndGet();
        try {
            return theirs.get();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a call in flight", interrupted);
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof RuntimeException fault) {
                throw fault;
            }
            if (failed.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(failed.getCause());
        } finally {
            sharing.decrementAndGet();
        }
    }
}
