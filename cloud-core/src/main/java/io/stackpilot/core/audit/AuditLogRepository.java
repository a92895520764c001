package io.stackpilot.core.audit;

import io.stackpilot.core.common.Page;
import java.time.Instant;
import java.util.List;

/** The request log we own (PostgreSQL implements it). Thread-safe. */
public interface AuditLogRepository {

    /**
     * Stores the entries in one transaction: all or none. Entries whose id and time are already stored are
     * skipped, so appending the same batch again is harmless (ids are random UUIDs: one id never comes with two
     * times).
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

    /**
     * Makes storage ready for the entries of the calendar months (UTC) from the one of {@code from} to the one of
     * {@code until}, both included, so that appending to them costs no more than usual (PostgreSQL: creates the
     * monthly partitions that are missing). Entries of an unprepared month are still stored. Idempotent and safe
     * to call from several replicas at once; a store that is not kept by month does nothing.
     */
    default void prepareMonths(Instant from, Instant until) {
    }

    /**
     * Removes at once every entry of the calendar months (UTC) that end at or before {@code cutoff}, in one short
     * step whatever their number (PostgreSQL: drops those monthly partitions), and returns how many months it
     * removed. Entries of the month that contains {@code cutoff} stay: {@link #deleteOlderThan} removes those.
     * Idempotent; a store that is not kept by month removes nothing and returns 0.
     */
    default int dropMonthsBefore(Instant cutoff) {
        return 0;
    }
}
