package io.stackpilot.core.testing;

import io.stackpilot.core.operation.Operation;
import io.stackpilot.core.operation.OperationQuery;
import io.stackpilot.core.operation.OperationRepository;
import io.stackpilot.core.operation.OperationState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

/** In-memory {@link OperationRepository} for tests; same contract as the PostgreSQL one. Thread-safe. */
public final class InMemoryOperationRepository implements OperationRepository {
    private final Map<UUID, Operation> operations = new LinkedHashMap<>();

    @Override
    public synchronized Operation enqueue(Operation operation) {
        for (Operation queued : List.copyOf(operations.values())) {
            if (queued.target().equals(operation.target()) && queued.state() == OperationState.QUEUED) {
                operations.put(queued.id(), with(queued, OperationState.CANCELLED, queued.attempts(),
                        "superseded by " + operation.id(), queued.notBefore(), null, null, queued.startedAt(),
                        operation.createdAt()));
            }
        }
        operations.put(operation.id(), operation);
        return operation;
    }

    @Override
    public synchronized List<Operation> claimDue(String holder, Instant now, Duration lease, int limit) {
        List<Operation> due = operations.values().stream()
                .filter(op -> op.state() == OperationState.QUEUED && !op.notBefore().isAfter(now)
                        && !runningTarget(op.target())
                        || op.state() == OperationState.RUNNING && !op.leaseUntil().isAfter(now))
                .sorted(Comparator.comparing(Operation::notBefore).thenComparing(Operation::createdAt))
                .limit(limit).toList();
        List<Operation> claimed = new ArrayList<>();
        for (Operation op : due) {
            Operation running = with(op, OperationState.RUNNING, op.attempts() + 1, op.error(), op.notBefore(),
                    holder, now.plus(lease), op.startedAt() == null ? now : op.startedAt(), null);
            operations.put(op.id(), running);
            claimed.add(running);
        }
        return claimed;
    }

    private boolean runningTarget(UUID target) {
        return operations.values().stream().anyMatch(op -> op.target().equals(target)
                && op.state() == OperationState.RUNNING);
    }

    @Override
    public synchronized boolean renew(UUID id, String holder, Instant leaseUntil) {
        return updateClaimed(id, holder, op -> with(op, op.state(), op.attempts(), op.error(), op.notBefore(),
                holder, leaseUntil, op.startedAt(), null));
    }

    @Override
    public synchronized boolean complete(UUID id, String holder, Instant now) {
        return updateClaimed(id, holder, op -> with(op, OperationState.SUCCEEDED, op.attempts(), op.error(),
                op.notBefore(), holder, null, op.startedAt(), now));
    }

    @Override
    public synchronized boolean retryAt(UUID id, String holder, String error, Instant notBefore) {
        return updateClaimed(id, holder, op -> with(op, OperationState.QUEUED, op.attempts(), error, notBefore,
                null, null, op.startedAt(), null));
    }

    @Override
    public synchronized boolean fail(UUID id, String holder, String error, Instant now) {
        return updateClaimed(id, holder, op -> with(op, OperationState.FAILED, op.attempts(), error,
                op.notBefore(), holder, null, op.startedAt(), now));
    }

    @Override
    public synchronized boolean cancel(UUID id, String error, Instant now) {
        Operation op = operations.get(id);
        if (op == null || op.state() != OperationState.QUEUED) {
            return false;
        }
        operations.put(id, with(op, OperationState.CANCELLED, op.attempts(), error, op.notBefore(), null, null,
                op.startedAt(), now));
        return true;
    }

    @Override
    public synchronized Optional<Operation> find(UUID id) {
        return Optional.ofNullable(operations.get(id));
    }

    @Override
    public synchronized Optional<Operation> pending(UUID target) {
        return operations.values().stream().filter(op -> op.target().equals(target) && !op.state().isFinished())
                .max(Comparator.comparing((Operation op) -> op.state() == OperationState.RUNNING));
    }

    @Override
    public synchronized Map<UUID, Operation> pending(Collection<UUID> targets) {
        Map<UUID, Operation> pending = new LinkedHashMap<>();
        for (UUID target : targets) {
            pending(target).ifPresent(op -> pending.put(target, op));
        }
        return pending;
    }

    @Override
    public synchronized List<Operation> list(OperationQuery query) {
        return operations.values().stream().filter(op -> op.projectId().equals(query.projectId()))
                .filter(op -> query.target() == null || op.target().equals(query.target()))
                .filter(op -> query.state() == null || op.state() == query.state())
                .sorted(Comparator.comparing(Operation::createdAt).thenComparing(op -> op.id().toString())
                        .reversed())
                .limit(query.limit()).toList();
    }

    private boolean updateClaimed(UUID id, String holder, UnaryOperator<Operation> change) {
        Operation op = operations.get(id);
        if (op == null || op.state() != OperationState.RUNNING || !holder.equals(op.claimedBy())) {
            return false;
        }
        operations.put(id, change.apply(op));
        return true;
    }

    private static Operation with(Operation op, OperationState state, int attempts, String error, Instant notBefore,
                                  String holder, Instant leaseUntil, Instant startedAt, Instant finishedAt) {
        return new Operation(op.id(), op.projectId(), op.kind(), op.target(), state, attempts, op.reason(), error,
                notBefore, holder, leaseUntil, op.createdAt(), startedAt, finishedAt);
    }
}
