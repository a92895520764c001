package io.stackpilot.server.http;

import io.stackpilot.core.operation.LocationQueue;
import io.stackpilot.core.operation.Operation;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An operation of the engine as the API shows it: {@code target} is the managed server's id, {@code reason} why it
 * was queued, {@code error} why it last failed or was cancelled, {@code replica} who runs (or ran) it,
 * {@code location} where it acts ({@code cloud/region}).
 */
public record OperationJson(UUID id, String kind, UUID target, String state, int attempts, String reason,
                            String error, Instant notBefore, Instant createdAt, Instant startedAt,
                            Instant finishedAt, String replica, String location) {

    /** The operations, and the queue per location ({@code locations}; null when not asked for). */
    public record Listing(List<OperationJson> operations, List<Queue> locations) {
        public Listing(List<OperationJson> operations) {
            this(operations, null);
        }
    }

    /** One location's queue: counts, the pause after a 429/503 (null: none), failures of the last hour. */
    public record Queue(String location, String cloud, String region, int queued, int running, Instant pausedUntil,
                        String pauseReason, int failedLastHour) {
        public static Queue of(LocationQueue queue) {
            return new Queue(LocationQueue.nameOf(queue.location()), queue.location().cloud(),
                    queue.location().region(), queue.queued(), queue.running(), queue.pausedUntil(),
                    queue.pauseReason(), queue.failedRecently());
        }
    }

    public static OperationJson of(Operation operation) {
        return new OperationJson(operation.id(), operation.kind().wireName(), operation.target(),
                operation.state().wireName(), operation.attempts(), operation.reason(), operation.error(),
                operation.notBefore(), operation.createdAt(), operation.startedAt(), operation.finishedAt(),
                operation.claimedBy(), LocationQueue.nameOf(operation.location()));
    }
}
