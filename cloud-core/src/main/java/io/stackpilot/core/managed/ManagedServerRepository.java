package io.stackpilot.core.managed;

import io.stackpilot.core.common.Page;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The managed servers and their events (PostgreSQL implements it; an in-memory fake for tests). What the owner
 * controls (the intent) and what the engine observed (the status) are written by separate methods, so an API write
 * and an engine write to one resource never overwrite each other. Thread-safe.
 *
 * <p>Reconcile claims: every resource has a due time; {@link #claimDue} hands each due resource to exactly one
 * caller for the lease (other callers skip it, and take it over only once the lease has ended); {@link #release}
 * ends the claim and sets the next due time.
 */
public interface ManagedServerRepository {

    /**
     * Stores a new resource, due for reconcile at once.
     *
     * @throws io.stackpilot.core.error.ConflictException when its project already has a resource of that name, or a
     *         resource already manages or observes the same server id
     */
    ManagedServer insert(ManagedServer server);

    /**
     * Replaces what the owner controls (managed, reconcile, spec, generation, updated at, deletion requested) and
     * makes the resource due at {@code updatedAt}; the status, and the schedule that declared it, are left as they
     * are. Empty when the resource is gone.
     */
    Optional<ManagedServer> saveIntent(ManagedServer server);

    /** Replaces the status only; false when the resource is gone. Idempotent. */
    boolean saveStatus(UUID id, ManagedServerStatus status);

    /** Empty when the project has no resource of that name. */
    Optional<ManagedServer> find(String projectId, String name);

    Optional<ManagedServer> findById(UUID id);

    /** The resources with these ids that exist, in no particular order (one query where the store allows). */
    default List<ManagedServer> findByIds(java.util.Collection<UUID> ids) {
        return ids.stream().map(this::findById).flatMap(Optional::stream).toList();
    }

    /** The resource of the project that manages or observes the VM with this id, if any. */
    Optional<ManagedServer> findByServerId(String projectId, String serverId);

    /** The project's resources by name, at most {@code limit}, after {@code afterName} (null: from the start). */
    Page<ManagedServer> list(String projectId, int limit, String afterName);

    /** Removes the resource and its events; false when it was already gone. Idempotent. */
    boolean delete(UUID id);

    /**
     * Claims up to {@code limit} resources due at {@code now} and not claimed by anyone else with a lease still
     * running, for {@code holder} until {@code now + lease}; the earliest due first. Never hands one resource to two
     * callers at once.
     */
    List<ManagedServer> claimDue(String holder, Instant now, Duration lease, int limit);

    /** Ends {@code holder}'s claim and makes the resource due again at {@code nextDue}; no-op if not its claim. */
    void release(UUID id, String holder, Instant nextDue);

    /**
     * Ends a reconcile pass over several resources in one round trip: for each resource {@code holder} still has
     * claimed, writes its status and releases it as {@link #release} does; resources whose claim was lost are left
     * to their new holder. Returns how many were written.
     */
    int saveStatusesAndRelease(String holder, Map<UUID, ManagedServerStatus> statuses, Instant nextDue);

    /** Makes the resource due no later than {@code at} (e.g. an operation on it ended). No-op when gone. */
    void dueBy(UUID id, Instant at);

    void appendEvent(ManagedServerEvent event);

    /** The resource's events, newest first, at most {@code limit}. */
    List<ManagedServerEvent> events(UUID id, int limit);
}
