package io.stackpilot.core.managed;

import io.stackpilot.core.error.UpstreamException;
import io.stackpilot.core.error.UpstreamUnavailableException;
import io.stackpilot.core.operation.Backoff;
import io.stackpilot.core.operation.Operation;
import io.stackpilot.core.operation.OperationRepository;
import java.time.Clock;
import java.time.Instant;

/**
 * When an operation that met a retryable upstream fault may run again: after its {@link Backoff}, or, when the cloud
 * asked to slow down (429 or 503), after the wait it named in {@code Retry-After} (else the backoff), and then the
 * operation's whole location is paused until that time (recorded in the database, so every replica holds that
 * location's operations back). Shared by every kind of operation the executor runs. Thread-safe if its ports are.
 */
final class RetryWait {
    private final OperationRepository operations;
    private final Backoff backoff;
    private final Clock clock;

    RetryWait(OperationRepository operations, Backoff backoff, Clock clock) {
        this.operations = operations;
        this.backoff = backoff;
        this.clock = clock;
    }

    /** The retry time after the operation's attempt failed with {@code fault}; pauses its location on 429/503. */
    Instant after(Operation operation, UpstreamException fault) {
        return after(operation, fault, operation.attempts());
    }

    /** As {@link #after(Operation, UpstreamException)}, with the backoff taken at {@code backoffStep}. */
    Instant after(Operation operation, UpstreamException fault, int backoffStep) {
        Instant now = clock.instant();
        if (fault instanceof UpstreamUnavailableException unavailable && unavailable.slowDown()) {
            Instant until = now.plus(unavailable.retryAfter().filter(wait -> !wait.isNegative())
                    .orElseGet(() -> backoff.delayAfter(backoffStep)));
            operations.pause(operation.location(), until, fault.getMessage(), now);
            return until;
        }
        return now.plus(backoff.delayAfter(backoffStep));
    }
}
