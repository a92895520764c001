package io.stackpilot.core.testing;

import io.stackpilot.core.common.Location;
import io.stackpilot.core.operation.LocationQueue;
import io.stackpilot.core.operation.Operation;
import io.stackpilot.core.operation.OperationQuery;
import io.stackpilot.core.operation.OperationRepository;
import io.stackpilot.core.operation.OperationState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.UnaryOperator;

/** In-memory {@link OperationRepository} for tests; same contract as the PostgreSQL one. Thread-safe. */
public final class InMemoryOperationRepository implements OperationRepository {
    private final Map<UUID, Operation> operations = new LinkedHashMap<>();
    private final Map<Location, Pause> pauses = new HashMap<>();

    private record Pause(Instant until, String reason) {
    }

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
    public synchronized List<Operation> claimDue(String holder, Instant now, Duration lease, int limit,
                                                 int perLocation) {
        Map<Location, Integer> running = new HashMap<>();
        operations.values().stream().filter(op -> op.state() == OperationState.RUNNING)
                .forEach(op -> running.merge(op.location(), 1, Integer::sum));
        List<Operation> due = operations.values().stream()
                .filter(op -> op.state() == OperationState.QUEUED && !op.notBefore().isAfter(now)
                        && !runningTarget(op.target())
                        || op.state() == OperationState.RUNNING && !op.leaseUntil().isAfter(now))
                .filter(op -> !paused(op.location(), now))
                .sorted(Comparator.comparing(Operation::notBefore).thenComparing(Operation::createdAt)).toList();
        List<Operation> claimed = new ArrayList<>();
        for (Operation op : due) {
            if (claimed.size() == limit) {
                break;
            }
            if (op.state() == OperationState.QUEUED) {
                if (running.getOrDefault(op.location(), 0) >= perLocation) {
                    continue;
                }
                running.merge(op.location(), 1, Integer::sum);
            }
            Operation taken = with(op, OperationState.RUNNING, op.attempts() + 1, op.error(), op.notBefore(),
                    holder, now.plus(lease), op.startedAt() == null ? now : op.startedAt(), null);
            operations.put(op.id(), taken);
            claimed.add(taken);
        }
        return claimed;
    }

    private boolean paused(Location location, Instant now) {
        Pause pause = pauses.get(location);
        return pause != null && pause.until().isAfter(now);
    }

    @Override
    public synchronized void pause(Location location, Instant until, String reason, Instant now) {
        Pause current = pauses.get(location);
        if (current == null || until.isAfter(current.until())) {
            pauses.put(location, new Pause(until, reason));
        }
    }

    @Override
    public synchronized List<LocationQueue> summary(String projectId, Instant now, Instant failedSince) {
        Map<String, int[]> counts = new TreeMap<>();
        Map<String, Location> byName = new HashMap<>();
        for (Operation op : operations.values()) {
            if (projectId != null && !op.projectId().equals(projectId)) {
                continue;
            }
            String name = LocationQueue.nameOf(op.location());
            byName.put(name, op.location());
            int[] count = counts.computeIfAbsent(name, n -> new int[3]);
            switch (op.state()) {
                case QUEUED -> count[0]++;
                case RUNNING -> count[1]++;
                case FAILED -> count[2] += op.finishedAt().isBefore(failedSince) ? 0 : 1;
                default -> { }
            }
        }
        if (projectId == null) {
            pauses.forEach((location, pause) -> {
                if (pause.until().isAfter(now)) {
                    byName.put(LocationQueue.nameOf(location), location);
                    counts.computeIfAbsent(LocationQueue.nameOf(location), n -> new int[3]);
                }
            });
        }
        List<LocationQueue> summary = new ArrayList<>();
        counts.forEach((name, count) -> {
            Location location = byName.get(name);
            Pause pause = paused(location, now) ? pauses.get(location) : null;
            if (count[0] + count[1] + count[2] > 0 || pause != null && projectId == null) {
                summary.add(new LocationQueue(location, count[0], count[1], pause == null ? null : pause.until(),
                        pause == null ? null : pause.reason(), count[2]));
            }
        });
        return summary;
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
                notBefore, holder, leaseUntil, op.createdAt(), startedAt, finishedAt, op.location());
    }
}
