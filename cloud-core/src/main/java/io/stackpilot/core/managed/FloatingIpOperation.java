package io.stackpilot.core.managed;

import io.stackpilot.core.compute.ServerId;
import io.stackpilot.core.error.StackpilotException;
import io.stackpilot.core.error.UpstreamException;
import io.stackpilot.core.identity.Session;
import io.stackpilot.core.operation.Backoff;
import io.stackpilot.core.operation.Operation;
import io.stackpilot.core.operation.OperationRepository;
import io.stackpilot.core.reach.FloatingIpAssignment;
import java.time.Clock;
import java.time.Instant;

/**
 * Runs a claimed {@code associate-floating-ip} operation (its target is the VM's id): while the server is being
 * built the operation is queued again every {@link FloatingIpAssignment#POLL}, up to
 * {@link FloatingIpAssignment#WAIT_LIMIT} after it was queued; upstream faults are retried with {@link Backoff}
 * within the same limit (a 429 or 503 also pauses the operation's location, as {@link RetryWait} says); any other fault fails it with its reason, and the addresses marked for the server that
 * reach nothing are released. Thread-safe if its ports are.
 */
final class FloatingIpOperation {
    /** Upstream faults are retried at most this far apart, so that a long build does not stretch a retry. */
    private static final int BACKOFF_STEPS = 4;

    private final FloatingIpAssignment assignment;
    private final OperationRepository operations;
    private final ProjectSessions sessions;
    private final ReconcileSettings settings;
    private final RetryWait retryWait;
    private final Clock clock;

    FloatingIpOperation(FloatingIpAssignment assignment, OperationRepository operations, ProjectSessions sessions,
                        ReconcileSettings settings, RetryWait retryWait, Clock clock) {
        this.assignment = assignment;
        this.operations = operations;
        this.sessions = sessions;
        this.settings = settings;
        this.retryWait = retryWait;
        this.clock = clock;
    }

    void run(Operation operation, Runnable holdClaim) {
        ServerId server = new ServerId(operation.target().toString());
        Session session = null;
        try {
            session = OwnerSession.open(sessions, operation.projectId());
            FloatingIpAssignment.Outcome outcome = assignment.run(session, operation.projectId(), server, holdClaim);
            if (!outcome.waiting()) {
                operations.complete(operation.id(), settings.replica(), clock.instant());
            } else if (withinLimit(operation)) {
                operations.retryAt(operation.id(), settings.replica(), "waiting: " + outcome.detail(),
                        clock.instant().plus(FloatingIpAssignment.POLL));
            } else {
                fail(operation, session, server, "gave up after " + FloatingIpAssignment.WAIT_LIMIT.toMinutes()
                        + " minutes: " + outcome.detail());
            }
        } catch (OperationRun.ClaimLost lost) {
            // Another replica runs it now; it records the outcome.
        } catch (UpstreamException retryable) {
            if (withinLimit(operation)) {
                operations.retryAt(operation.id(), settings.replica(), retryable.getMessage(),
                        retryWait.after(operation, retryable, Math.min(operation.attempts(), BACKOFF_STEPS)));
            } else {
                fail(operation, session, server, "gave up: " + retryable.getMessage());
            }
        } catch (StackpilotException | IllegalArgumentException | IllegalStateException fault) {
            fail(operation, session, server, fault.getMessage());
        }
    }

    /** The addresses given at launch to a VM that another operation removes (a preempted one). */
    void releaseFor(Session session, String projectId, ServerId server) {
        assignment.releaseAll(session, projectId, server);
    }

    private boolean withinLimit(Operation operation) {
        return clock.instant().isBefore(operation.createdAt().plus(FloatingIpAssignment.WAIT_LIMIT));
    }

    private void fail(Operation operation, Session session, ServerId server, String reason) {
        Instant now = clock.instant();
        if (!operations.fail(operation.id(), settings.replica(), reason, now) || session == null) {
            return;
        }
        try {
            assignment.releaseUnassociated(session, operation.projectId(), server);
        } catch (RuntimeException releaseFailed) {
            // Best effort: the address keeps its mark and is released with the server.
        }
    }
}
