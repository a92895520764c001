package io.stackpilot.core.operation;

import io.stackpilot.core.error.NotFoundException;
import io.stackpilot.core.identity.Session;
import java.util.List;
import java.util.UUID;

/** The caller's view of the engine's operations: only those of the caller's project. Thread-safe. */
public final class OperationService {
    private final OperationRepository operations;

    public OperationService(OperationRepository operations) {
        this.operations = operations;
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
