package io.stackpilot.core.audit;

import io.stackpilot.core.common.Require;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Deletes audit entries older than the retention ({@code STACKPILOT_AUDIT_RETENTION}, default 400 days: long enough
 * for a yearly review). Deletes in batches of {@value #BATCH} entries, each its own short transaction, and at most
 * {@value #MAX_BATCHES} batches per run, so that a first run over a large backlog neither holds long locks nor runs
 * for long; the rest goes at the next run. Idempotent, so a purge run by two replicas at once is harmless; the stats
 * job runs it on the lease holder only. Thread-safe when the repository is.
 */
public final class AuditRetention {
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(400);
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

    /** Deletes entries older than {@code now - retention}, up to the per-run bound; returns how many. */
    public int purge() {
        Instant cutoff = clock.instant().minus(retention);
        int deleted = 0;
        for (int batch = 0; batch < MAX_BATCHES; batch++) {
            int count = auditLog.deleteOlderThan(cutoff, BATCH);
            deleted += count;
            if (count < BATCH) {
                break;
            }
        }
        return deleted;
    }
}
