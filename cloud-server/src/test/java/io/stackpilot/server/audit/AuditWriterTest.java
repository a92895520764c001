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
    void a_full_queue_refuses_new_requests_after_the_admission_wait_but_takes_every_admitted_row() throws Exception {
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
        AuditWriter writer = new AuditWriter(blocked, 2, AuditWriter.DEFAULT_QUEUE_BYTES, 1, Duration.ofMillis(10),
                Duration.ofMillis(100));
        assertThat(writer.admit()).isTrue();
        writer.submit(entry("in-hand"));
        assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(writer.admit()).as("one row, below the mark of 2").isTrue();
        // Two requests admitted while there was room; both finish after the queue reached its mark.
        writer.submit(entry("queued-1"));
        assertThat(writer.healthy()).as("at the high-water mark").isFalse();
        assertThat(writer.reason()).hasValueSatisfying(reason -> assertThat(reason).contains("high-water mark"));
        assertThat(writer.submit(entry("admitted-before-the-mark"))).as("an admitted row is never refused").isTrue();
        assertThat(writer.depth()).isEqualTo(3);

        long before = System.nanoTime();
        assertThat(writer.admit()).as("no room within the admission wait").isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isGreaterThanOrEqualTo(Duration.ofMillis(90));
        assertThat(writer.rejected()).isEqualTo(1);

        release.countDown();
        assertThat(writer.close(Duration.ofSeconds(10))).isZero();
        assertThat(writer.dropped()).isZero();
        assertThat(repository.all()).extracting(AuditEntry::requestId)
                .containsExactlyInAnyOrder("in-hand", "queued-1", "admitted-before-the-mark");
    }

    @Test
    void a_waiting_request_is_admitted_as_soon_as_a_batch_is_stored() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        InMemoryAuditLogRepository repository = new InMemoryAuditLogRepository();
        AuditWriter writer = new AuditWriter(blockedUntil(release, repository), 1, AuditWriter.DEFAULT_QUEUE_BYTES,
                10, Duration.ofMillis(10), Duration.ofSeconds(10));
        writer.submit(entry("in-hand"));
        eventually(() -> writer.depth() == 1 && writer.queuedBytes() == 0);
        AtomicBoolean admitted = new AtomicBoolean();
        Thread request = Thread.ofVirtual().start(() -> admitted.set(writer.admit()));
        Thread.sleep(100);
        assertThat(request.isAlive()).as("waits for room").isTrue();

        release.countDown();
        request.join(Duration.ofSeconds(5));
        assertThat(admitted).isTrue();
        assertThat(writer.rejected()).isZero();
        writer.close(Duration.ofSeconds(5));
    }

    @Test
    void a_slow_repository_slows_the_requests_down_and_loses_nothing() throws Exception {
        InMemoryAuditLogRepository repository = new InMemoryAuditLogRepository();
        AuditLogRepository slow = new Delegate(repository) {
            @Override
            public void appendAll(List<AuditEntry> entries) {
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                super.appendAll(entries);
            }
        };
        AuditWriter writer = new AuditWriter(slow, 20, AuditWriter.DEFAULT_QUEUE_BYTES, 5, Duration.ofMillis(10),
                Duration.ofSeconds(30));
        AtomicInteger admitted = new AtomicInteger();
        int maxDepth;
        try (var requests = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            AtomicInteger deepest = new AtomicInteger();
            for (int thread = 0; thread < 16; thread++) {
                int t = thread;
                requests.submit(() -> {
                    for (int i = 0; i < 100; i++) {
                        if (writer.admit()) {
                            admitted.incrementAndGet();
                            writer.submit(entry("req-" + t + "-" + i));
                            deepest.accumulateAndGet(writer.depth(), Math::max);
                        }
                    }
                });
            }
            requests.shutdown();
            assertThat(requests.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            maxDepth = deepest.get();
        }
        assertThat(writer.close(Duration.ofSeconds(10))).isZero();
        assertThat(admitted.get()).isEqualTo(1600);
        assertThat(writer.rejected()).isZero();
        assertThat(writer.dropped()).isZero();
        assertThat(repository.all()).hasSize(1600);
        assertThat(maxDepth).as("above the mark by at most the requests in flight").isLessThanOrEqualTo(20 + 16);
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
        assertThat(writer.dropped()).as("only a row after close is ever dropped").isEqualTo(1);
        assertThat(writer.admit()).as("no request is admitted once closed").isFalse();
    }

    @Test
    void the_high_water_mark_counts_bytes_as_well_as_rows() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        InMemoryAuditLogRepository repository = new InMemoryAuditLogRepository();
        AuditWriter writer = new AuditWriter(blockedUntil(release, repository), 1000,
                2 * AuditWriter.sizeOf(entry("small-1")), 1, Duration.ofMillis(10), Duration.ofMillis(20));
        try {
            writer.submit(entry("in-hand"));
            eventually(() -> writer.depth() == 1 && writer.queuedBytes() == 0);
            AuditEntry large = new AuditEntry(UUID.randomUUID(), Instant.parse("2026-11-22T06:00:00Z"), "large",
                    "GET", null, "/x", "q=" + "a".repeat(2000), 401, 1, null, null, null, null, "127.0.0.1", "test",
                    "r1", List.of());

            assertThat(writer.admit()).isTrue();
            assertThat(writer.submit(large)).isTrue();
            assertThat(writer.admit()).as("room for rows, not for bytes").isFalse();
            assertThat(writer.submit(entry("small-2"))).as("admitted before: taken").isTrue();
            assertThat(writer.rejected()).isEqualTo(1);
            assertThat(writer.queuedBytes())
                    .isEqualTo(AuditWriter.sizeOf(large) + AuditWriter.sizeOf(entry("small-2")));
        } finally {
            release.countDown();
        }
        eventually(() -> repository.all().size() == 3);
        assertThat(writer.queuedBytes()).isZero();
        assertThat(writer.admit()).isTrue();
        assertThat(writer.healthy()).isTrue();
        writer.close(Duration.ofSeconds(5));
        assertThat(writer.dropped()).isZero();
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
