package io.stackpilot.core.operation;

import io.stackpilot.core.common.Location;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The durable command queue (PostgreSQL implements it; an in-memory fake for tests). Thread-safe; every method is
 * one atomic step, safe with several replicas on one database.
 *
 * <p>Guarantees: at most one operation per target is queued (a newer one supersedes it: coalescing) and at most one
 * runs (a queued one is not handed out while another of its target runs, even one whose lease ended: that one is
 * taken over first). A claim holds until its lease ends; the transitions out of running ({@link #complete},
 * {@link #retryAt}, {@link #fail}, {@link #renew}) take effect only for the replica that holds the claim, so a
 * replica that lost its claim cannot overwrite the outcome of the one that took over.
 *
 * <p>Per location: at most {@code perLocation} operations of one location are running at once across every
 * replica (a running operation whose lease ended keeps its place until it is taken over), and no operation of a
 * location is handed out while the location is paused ({@link #pause}).
 */
public interface OperationRepository {

    /**
     * Stores a queued operation; a queued (not yet running) operation of the same target is cancelled with the error
     * "superseded by &lt;new id&gt;". Returns the stored operation.
     */
    Operation enqueue(Operation operation);

    /**
     * Claims up to {@code limit} operations for {@code holder} until {@code now + lease}: queued ones whose
     * {@code notBefore} has come, and running ones whose lease has ended (their replica died). Each claim counts an
     * attempt, sets started at (first claim only) and state running. Never hands one operation to two holders at
     * once, nor two operations of one target.
     */
    default List<Operation> claimDue(String holder, Instant now, Duration lease, int limit) {
        return claimDue(holder, now, lease, limit, Integer.MAX_VALUE);
    }

    /**
     * As {@link #claimDue(String, Instant, Duration, int)}, handing out only as many operations of a location as
     * keep its running ones at {@code perLocation} or fewer (counted over every holder), and none of a location
     * paused at {@code now}. Taking over a running operation whose lease ended does not add one.
     */
    List<Operation> claimDue(String holder, Instant now, Duration lease, int limit, int perLocation);

    /**
     * Holds the location's queued operations back until {@code until} (the cloud answered 429 or 503); a pause
     * only ever grows: an earlier {@code until} than the one recorded changes nothing. Idempotent.
     */
    void pause(Location location, Instant until, String reason, Instant now);

    /** Extends {@code holder}'s lease; false when the holder no longer has the claim. */
    boolean renew(UUID id, String holder, Instant leaseUntil);

    /** running → succeeded; false when {@code holder} no longer has the claim. */
    boolean complete(UUID id, String holder, Instant now);

    /** running → queued, due at {@code notBefore}, with the error kept; false when not {@code holder}'s claim. */
    boolean retryAt(UUID id, String holder, String error, Instant notBefore);

    /** running → failed with the reason; false when not {@code holder}'s claim. */
    boolean fail(UUID id, String holder, String error, Instant now);

    /** queued → cancelled with the reason; false when it was not queued. */
    boolean cancel(UUID id, String error, Instant now);

    Optional<Operation> find(UUID id);

    /** The target's queued or running operation, if any. */
    Optional<Operation> pending(UUID target);

    /** The queued or running operation of each target that has one, in one round trip. */
    Map<UUID, Operation> pending(Collection<UUID> targets);

    List<Operation> list(OperationQuery query);

    /**
     * The queue per location, sorted by location name: every location that has a queued or running operation, a
     * pause after {@code now}, or an operation that failed at or after {@code failedSince}. {@code projectId}
     * counts only that project's operations and shows only the locations where it has such work (with their pause);
     * null: all projects, and every paused location.
     */
    List<LocationQueue> summary(String projectId, Instant now, Instant failedSince);
}
