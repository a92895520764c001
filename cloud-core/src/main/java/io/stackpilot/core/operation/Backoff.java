package io.stackpilot.core.operation;

import io.stackpilot.core.common.Require;
import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * When to retry an operation after a retryable fault: {@code base * 2^(attempt-1)}, capped at {@code max}, with
 * "equal jitter" (a uniformly random point in the upper half) so that replicas that failed together do not retry
 * together, while the wait never drops below half the exponential step. {@code maxAttempts} claims in all, then the
 * operation fails finally. Thread-safe if the random source is.
 */
public record Backoff(Duration base, Duration max, int maxAttempts, DoubleSupplier random) {
    public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(5), 8,
            () -> java.util.concurrent.ThreadLocalRandom.current().nextDouble());

    public Backoff {
        Require.notNull(base, "base");
        Require.notNull(max, "max");
        Require.notNull(random, "random");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    /** The wait after the given attempt (1 = the first) failed. */
    public Duration delayAfter(int attempt) {
        long cap = max.toMillis();
        long exponential = attempt >= 32 ? cap : Math.min(cap, base.toMillis() << Math.max(0, attempt - 1));
        long half = exponential / 2;
        return Duration.ofMillis(half + (long) (random.getAsDouble() * (exponential - half)));
    }

    public boolean mayRetryAfter(int attempt) {
        return attempt < maxAttempts;
    }
}
