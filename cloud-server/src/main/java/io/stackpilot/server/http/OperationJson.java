package io.stackpilot.server.http;

import io.stackpilot.core.operation.Operation;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An operation of the engine as the API shows it: {@code target} is the managed server's id, {@code reason} why it
 * was queued, {@code error} why it last failed or was cancelled, {@code replica} who runs (or ran) it.
 */
public record OperationJson(UUID id, String kind, UUID target, String state, int attempts, String reason,
                            String error, Instant notBefore, Instant createdAt, Instant startedAt,
                            Instant finishedAt, String replica) {

    public record Listing(List<OperationJson> operations) {
    }

    public static OperationJson of(Operation operation) {
        return new OperationJson(operation.id(), operation.kind().wireName(), operation.target(),
                operation.state().wireName(), operation.attempts(), operation.reason(), operation.error(),
                operation.notBefore(), operation.createdAt(), operation.startedAt(), operation.finishedAt(),
                operation.claimedBy());
    }
}
