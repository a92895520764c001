package io.stackpilot.core.audit;

import io.stackpilot.core.common.Require;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Keeps the audit log within the retention ({@code STACKPILOT_AUDIT_RETENTION}, default 400 days: long enough for a
 * yearly review) and its storage ready ahead. A run prepares the months up to {@link #PREPARE_AHEAD} from now, drops
 * the whole months that ended before {@code now - retention} (cheap whatever their size), then deletes the older
 * entries of the partial oldest month in batches of {@value #BATCH} entries, each its own short transaction, at most
 * {@value #MAX_BATCHES} batches per run, so that a first run over a large backlog neither holds long locks nor runs
 * for long; the rest goes at the next run. Idempotent, so a purge run by two replicas at once is harmless; the stats
 * job runs it on the lease holder only. Thread-safe when the repository is.
 */
public final class AuditRetention {
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(400);
    /** How far ahead months are prepared: this month and the two after it. */
    public static final Duration PREPARE_AHEAD = Duration.ofDays(62);
    static final int BATCH = 1_000;
    static final int MAX_BATCHES = 100;

    private final AuditLogRepository auditLog;
    private final Duration retention;
    private final Clock clock;

    public AuditRetention(AuditLogRepository auditLog, Duration retention, Clock clock) {
        this.auditLog = Require.notNull(auditLog, "auditLog");
        this.retention = Require.notNull(retention, "retention");
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("audit retention must be positive, was " + retention);
        }
        this.clock = Require.notNull(clock, "clock");
    }

    /** What one run removed: whole months, and single entries of the partial oldest month. */
    public record Purge(int droppedMonths, int deletedEntries) {
    }

    /**
     * Prepares the coming months, drops the months older than {@code now - retention} and deletes the older entries
     * of the month that contains that cutoff, up to the per-run bound.
     */
    public Purge purge() {
        Instant now = clock.instant();
        auditLog.prepareMonths(now, now.plus(PREPARE_AHEAD));
        Instant cutoff = now.minus(retention);
        int droppedMonths = auditLog.dropMonthsBefore(cutoff);
        int deleted = 0;
        for (int batch = 0; batch < MAX_BATCHES; batch++) {
            int count = auditLog.deleteOlderThan(cutoff, BATCH);
            deleted += count;
            if (count < BATCH) {
                break;
            }
        }
        return new Purge(droppedMonths, deleted);
    }
}
