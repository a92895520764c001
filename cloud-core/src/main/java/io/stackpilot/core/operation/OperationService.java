package io.stackpilot.core.operation;

import io.stackpilot.core.error.NotFoundException;
import io.stackpilot.core.identity.Session;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The caller's view of the engine's operations: only those of the caller's project; the queue per location of the
 * caller's project, or of every project for a caller with the {@value #ADMIN_ROLE} role. Thread-safe.
 */
public final class OperationService {
    public static final String ADMIN_ROLE = "admin";
    /** How far back {@link LocationQueue#failedRecently()} counts. */
    public static final Duration RECENT = Duration.ofHours(1);

    private final OperationRepository operations;
    private final Clock clock;

    public OperationService(OperationRepository operations) {
        this(operations, Clock.systemUTC());
    }

    public OperationService(OperationRepository operations, Clock clock) {
        this.operations = operations;
        this.clock = clock;
    }

    /**
     * Per location: queued, running, paused until, failed in the last {@link #RECENT}; the caller's project's
     * operations, or everyone's for an operator (admin role).
     */
    public List<LocationQueue> queues(Session session) {
        Instant now = clock.instant();
        String project = session.principal().hasRole(ADMIN_ROLE) ? null : session.project().id();
        return operations.summary(project, now, now.minus(RECENT));
    }

    /** @throws NotFoundException when there is no such operation in the caller's project */
    public Operation get(Session session, UUID id) {
        return operations.find(id).filter(op -> op.projectId().equals(session.project().id()))
                .orElseThrow(() -> new NotFoundException("operation", id.toString()));
    }

    /** Newest first; {@code target} and {@code state} may be null. */
    public List<Operation> list(Session session, UUID target, OperationState state, int limit) {
        return operations.list(new OperationQuery(session.project().id(), target, state, limit));
    }
}
