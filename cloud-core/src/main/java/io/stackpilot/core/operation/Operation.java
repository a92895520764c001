package io.stackpilot.core.operation;

import io.stackpilot.core.common.Location;
import io.stackpilot.core.common.Require;
import java.time.Instant;
import java.util.UUID;

/**
 * One durable command of the engine on a cloud, for one target (a managed server's id) of one owner project.
 * {@code reason} says why it was enqueued; {@code error} why it last failed (or was cancelled). {@code notBefore}
 * holds a retry back; {@code claimedBy} and {@code leaseUntil} name the replica running it and until when its claim
 * holds (after that another replica takes it over). {@code attempts} counts the claims. {@code location} is where
 * it acts (the cloud and region whose concurrency limit and back-off pause it obeys, see {@link LocationQueue}).
 */
public record Operation(UUID id, String projectId, OperationKind kind, UUID target, OperationState state,
                        int attempts, String reason, String error, Instant notBefore, String claimedBy,
                        Instant leaseUntil, Instant createdAt, Instant startedAt, Instant finishedAt,
                        Location location) {
    public Operation {
        Require.notNull(id, "id");
        Require.notBlank(projectId, "projectId");
        Require.notNull(kind, "kind");
        Require.notNull(target, "target");
        Require.notNull(state, "state");
        Require.notNegative(attempts, "attempts");
        Require.notNull(reason, "reason");
        Require.notNull(notBefore, "notBefore");
        Require.notNull(createdAt, "createdAt");
        Require.notNull(location, "location");
    }

    /** A new command in the default location ({@link Location#DEFAULT}), due at once. */
    public static Operation queue(String projectId, OperationKind kind, UUID target, String reason, Instant now) {
        return queue(projectId, kind, target, reason, now, Location.DEFAULT);
    }

    /** A new command that acts in {@code location}, due at once. */
    public static Operation queue(String projectId, OperationKind kind, UUID target, String reason, Instant now,
                                  Location location) {
        return new Operation(UUID.randomUUID(), projectId, kind, target, OperationState.QUEUED, 0, reason, null, now,
                null, null, now, null, null, location);
    }

    /** "replica:&lt;holder&gt; operation:&lt;id&gt;": who acted, for events and audit. */
    public String actor() {
        return "replica:" + claimedBy + " operation:" + id;
    }
}
