package io.stackpilot.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.core.audit.AuditEntry;
import io.stackpilot.core.audit.AuditLogRepository;
import io.stackpilot.core.audit.AuditQuery;
import io.stackpilot.core.common.Page;
import io.stackpilot.core.testing.InMemoryAuditLogRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class AuditWriterTest {

    static AuditEntry entry(String requestId) {
        return new AuditEntry(UUID.randomUUID(), Instant.parse("2026-11-22T06:00:00Z"), requestId, "GET", "/healthz",
                "/healthz", null, 200, 1, null, null, null, null, "127.0.0.1", "test", "r1", List.of());
    }

    static void eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition never held");
            }
            Thread.sleep(5);
        }
    }

    @Test
    void writes_entries_in_batches_off_the_calling_thread() throws Exception {
        InMemoryAuditLogRepository repository = new InMemoryAuditLogRepository();
        AtomicInteger batches = new AtomicInteger();
        AuditLogRepository counting = new Delegate(repository) {
            @Override
            public void appendAll(List<AuditEntry> entries) {
                batches.incrementAndGet();
                super.appendAll(entries);
            }
        };
        AuditWriter writer = new AuditWriter(counting, 1000, AuditWriter.DEFAULT_QUEUE_BYTES, 500,
                Duration.ofMillis(10));
        for (int i = 0; i < 300; i++) {
            writer.submit(entry("req-" + i));
        }
        assertThat(writer.close(Duration.ofSeconds(10))).isZero();
        assertThat(repository.all()).hasSize(300);
        assertThat(batches.get()).isLessThan(300);
    }

    @Test
    void drops_and_counts_entries_beyond_the_bound() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch writing = new CountDownLatch(1);
        InMemoryAuditLogRepository repository = new InMemoryAuditLogRepository();
        AuditLogRepository blocked = new Delegate(repository) {
            @Override
            public void appendAll(List<AuditEntry> entries) {
                writing.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                super.appendAll(entries);
            }
        };
        AuditWriter writer = new AuditWriter(blocked, 2, AuditWriter.DEFAULT_QUEUE_BYTES, 1, Duration.ofMillis(10));
        writer.submit(entry("in-hand"));
        assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(writer.submit(entry("queued-1"))).isTrue();
        assertThat(writer.submit(entry("queued-2"))).isTrue();
        assertThat(writer.depth()).isEqualTo(3);
        assertThat(writer.submit(entry("one-too-many"))).isFalse();
        assertThat(writer.dropped()).isEqualTo(1);
        release.countDown();
        writer.close(Duration.ofSeconds(10));
        assertThat(repository.all()).extracting(AuditEntry::requestId)
                .containsExactlyInAnyOrder("in-hand", "queued-1", "queued-2");
    }

    @Test
    void keeps_entries_while_the_repository_fails_and_retries_them() throws Exception {
        InMemoryAuditLogRepository repository = new InMemoryAuditLogRepository();
        AtomicBoolean down = new AtomicBoolean(true);
        AuditLogRepository flaky = new Delegate(repository) {
            @Override
            public void appendAll(List<AuditEntry> entries) {
                if (down.get()) {
                    throw new IllegalStateException("database down");
                }
                super.appendAll(entries);
            }
        };
        AuditWriter writer = new AuditWriter(flaky, 100, AuditWriter.DEFAULT_QUEUE_BYTES, 10, Duration.ofMillis(5));
        writer.submit(entry("a"));
        writer.submit(entry("b"));
        eventually(() -> !writer.healthy() && writer.failures() >= 2);
        assertThat(writer.depth()).isEqualTo(2);
        assertThat(repository.all()).isEmpty();
        down.set(false);
        eventually(writer::healthy);
        eventually(() -> repository.all().size() == 2);
        assertThat(writer.depth()).isZero();
        writer.close(Duration.ofSeconds(5));
    }

    @Test
    void close_gives_up_after_its_timeout_and_reports_what_is_left() {
        AuditLogRepository broken = new Delegate(new InMemoryAuditLogRepository()) {
            @Override
            public void appendAll(List<AuditEntry> entries) {
                throw new IllegalStateException("database down");
            }
        };
        AuditWriter writer = new AuditWriter(broken, 100, AuditWriter.DEFAULT_QUEUE_BYTES, 10, Duration.ofMillis(5));
        writer.submit(entry("a"));
        assertThat(writer.close(Duration.ofMillis(200))).isEqualTo(1);
        assertThat(writer.submit(entry("after-close"))).isFalse();
    }

    @Test
    void bounds_the_queue_by_bytes_as_well_as_by_rows() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        InMemoryAuditLogRepository repository = new InMemoryAuditLogRepository();
        AuditWriter writer = new AuditWriter(blockedUntil(release, repository), 1000,
                2 * AuditWriter.sizeOf(entry("small-1")), 1, Duration.ofMillis(10));
        try {
            writer.submit(entry("in-hand"));
            eventually(() -> writer.depth() == 1 && writer.queuedBytes() == 0);
            AuditEntry large = new AuditEntry(UUID.randomUUID(), Instant.parse("2026-11-22T06:00:00Z"), "large",
                    "GET", null, "/x", "q=" + "a".repeat(2000), 401, 1, null, null, null, null, "127.0.0.1", "test",
                    "r1", List.of());

            assertThat(writer.submit(entry("small-1"))).isTrue();
            assertThat(writer.submit(large)).as("room for rows, not for bytes").isFalse();
            assertThat(writer.submit(entry("small-2"))).isTrue();
            assertThat(writer.dropped()).isEqualTo(1);
            assertThat(writer.queuedBytes()).isEqualTo(2 * AuditWriter.sizeOf(entry("small-1")));
        } finally {
            release.countDown();
        }
        eventually(() -> repository.all().size() == 3);
        assertThat(writer.queuedBytes()).isZero();
        writer.close(Duration.ofSeconds(5));
    }

    @Test
    void a_dropped_row_makes_the_writer_unhealthy_for_a_while_and_it_says_why() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        InMemoryAuditLogRepository repository = new InMemoryAuditLogRepository();
        AuditWriter writer = new AuditWriter(blockedUntil(release, repository), 1, AuditWriter.DEFAULT_QUEUE_BYTES,
                1, Duration.ofMillis(10), Duration.ofMillis(300));
        try {
            assertThat(writer.healthy()).isTrue();
            writer.submit(entry("in-hand"));
            eventually(() -> writer.depth() == 1 && writer.queuedBytes() == 0);
            writer.submit(entry("queued"));
            assertThat(writer.submit(entry("dropped"))).isFalse();

            assertThat(writer.healthy()).isFalse();
            assertThat(writer.reason()).hasValueSatisfying(reason -> assertThat(reason).contains("dropped"));
        } finally {
            release.countDown();
        }
        eventually(writer::healthy);
        assertThat(writer.reason()).isEmpty();
        writer.close(Duration.ofSeconds(5));
    }

    private static AuditLogRepository blockedUntil(CountDownLatch release, AuditLogRepository target) {
        return new Delegate(target) {
            @Override
            public void appendAll(List<AuditEntry> entries) {
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                super.appendAll(entries);
            }
        };
    }

    private static class Delegate implements AuditLogRepository {
        private final AuditLogRepository target;

        Delegate(AuditLogRepository target) {
            this.target = target;
        }

        @Override
        public void appendAll(List<AuditEntry> entries) {
            target.appendAll(entries);
        }

        @Override
        public Page<AuditEntry> find(AuditQuery query) {
            return target.find(query);
        }

        @Override
        public int deleteOlderThan(Instant cutoff, int maxEntries) {
            return target.deleteOlderThan(cutoff, maxEntries);
        }
    }
}
