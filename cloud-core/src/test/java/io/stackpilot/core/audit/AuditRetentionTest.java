package io.stackpilot.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stackpilot.core.testing.InMemoryAuditLogRepository;
import io.stackpilot.core.testing.MutableClock;
import io.stackpilot.core.testing.contract.AuditLogRepositoryContract;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditRetentionTest {
    private final MutableClock clock = MutableClock.at("2026-11-22T06:20:00Z");
    private final InMemoryAuditLogRepository auditLog = new InMemoryAuditLogRepository();

    private AuditEntry storedAt(Instant at) {
        AuditEntry entry = AuditLogRepositoryContract.entry(at, "demo", "u", 200);
        auditLog.appendAll(List.of(entry));
        return entry;
    }

    @Test
    void deletes_the_entries_older_than_the_retention_and_keeps_the_rest() {
        Instant cutoff = clock.instant().minus(Duration.ofDays(400));
        storedAt(cutoff.minusSeconds(1));
        AuditEntry atCutoff = storedAt(cutoff);
        AuditEntry recent = storedAt(clock.instant());
        AuditRetention retention = new AuditRetention(auditLog, Duration.ofDays(400), clock);

        assertThat(retention.purge()).isEqualTo(new AuditRetention.Purge(0, 1));
        assertThat(auditLog.all()).containsExactlyInAnyOrder(atCutoff, recent);
        assertThat(retention.purge()).isEqualTo(new AuditRetention.Purge(0, 0));
    }

    @Test
    void a_backlog_larger_than_one_batch_in_the_cutoffs_month_goes_in_several_batches() {
        Instant cutoff = clock.instant().minus(Duration.ofDays(400));
        int backlog = AuditRetention.BATCH * 2 + 7;
        List<AuditEntry> old = new ArrayList<>();
        for (int i = 0; i < backlog; i++) {
            old.add(AuditLogRepositoryContract.entry(cutoff.minusSeconds(i + 1), "demo", "u", 200));
        }
        auditLog.appendAll(old);

        assertThat(new AuditRetention(auditLog, Duration.ofDays(400), clock).purge())
                .isEqualTo(new AuditRetention.Purge(0, backlog));
        assertThat(auditLog.all()).isEmpty();
    }

    @Test
    void whole_months_before_the_cutoffs_month_are_dropped_not_deleted_entry_by_entry() {
        Instant cutoff = clock.instant().minus(Duration.ofDays(400));
        List<AuditEntry> old = new ArrayList<>();
        for (int i = 0; i < AuditRetention.BATCH * 3; i++) {
            old.add(AuditLogRepositoryContract.entry(Instant.parse("2020-01-01T00:00:00Z").plusSeconds(i), "demo",
                    "u", 200));
        }
        old.add(AuditLogRepositoryContract.entry(Instant.parse("2020-02-29T23:59:59Z"), "demo", "u", 200));
        auditLog.appendAll(old);
        AuditEntry inTheCutoffsMonth = storedAt(cutoff.minusSeconds(1));
        AuditEntry kept = storedAt(cutoff);

        assertThat(new AuditRetention(auditLog, Duration.ofDays(400), clock).purge())
                .isEqualTo(new AuditRetention.Purge(2, 1));
        assertThat(auditLog.all()).containsExactly(kept).doesNotContain(inTheCutoffsMonth);
    }

    @Test
    void each_run_prepares_this_month_and_the_two_after_it() {
        CountingLog counting = new CountingLog();
        new AuditRetention(counting, Duration.ofDays(400), clock).purge();

        assertThat(counting.preparedFrom).isEqualTo(clock.instant());
        assertThat(counting.preparedUntil).isEqualTo(Instant.parse("2027-01-23T06:20:00Z"));
    }

    @Test
    void one_run_stops_after_the_most_batches_and_the_next_run_continues() {
        CountingLog counting = new CountingLog();
        AuditRetention retention = new AuditRetention(counting, Duration.ofDays(400), clock);

        assertThat(retention.purge().deletedEntries()).isEqualTo(AuditRetention.BATCH * AuditRetention.MAX_BATCHES);
        assertThat(counting.calls).isEqualTo(AuditRetention.MAX_BATCHES);
    }

    @Test
    void rejects_a_retention_that_is_not_positive() {
        assertThatThrownBy(() -> new AuditRetention(auditLog, Duration.ZERO, clock))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
    }

    /** A log with an endless backlog: every batch is full. */
    private static final class CountingLog implements AuditLogRepository {
        int calls;
        Instant preparedFrom;
        Instant preparedUntil;

        @Override
        public void prepareMonths(Instant from, Instant until) {
            preparedFrom = from;
            preparedUntil = until;
        }

        @Override
        public void appendAll(List<AuditEntry> entries) {
            throw new UnsupportedOperationException();
        }

        @Override
        public io.stackpilot.core.common.Page<AuditEntry> find(AuditQuery query) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int deleteOlderThan(Instant cutoff, int maxEntries) {
            calls++;
            return maxEntries;
        }
    }
}
