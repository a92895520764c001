package io.stackpilot.core.audit;

import io.stackpilot.core.common.Page;
import java.time.Instant;
import java.util.List;

/** The request log we own (PostgreSQL implements it). Thread-safe. */
public interface AuditLogRepository {

    /**
     * Stores the entries in one transaction: all or none. Entries whose id is already stored are skipped, so
     * appending the same batch again is harmless.
     */
    void appendAll(List<AuditEntry> entries);

    /** Entries matching the query, newest first (by time, then id), with a marker when more follow. */
    Page<AuditEntry> find(AuditQuery query);

    /**
     * Deletes at most {@code maxEntries} (positive) of the entries whose time is before {@code cutoff}, oldest
     * first, in one transaction, and returns how many it deleted; fewer than {@code maxEntries} means none older
     * is left. Bounded so that a large backlog is removed in short transactions. Idempotent.
     */
    int deleteOlderThan(Instant cutoff, int maxEntries);
}
