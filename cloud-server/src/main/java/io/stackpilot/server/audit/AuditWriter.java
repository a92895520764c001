package io.stackpilot.server.audit;

import io.stackpilot.core.audit.AuditEntry;
import io.stackpilot.core.audit.AuditLogRepository;
import io.stackpilot.server.http.HealthCheck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Writes audit entries off the request thread, in batches, through the repository. The queue is bounded by rows and
 * by (approximate) bytes: an entry that does not fit is dropped, counted ({@link #dropped()}) and logged (the first,
 * then every 1000th), and for {@link #UNREADY_AFTER_DROP} after a drop the writer reports itself unhealthy (so
 * {@code /readyz} takes the replica out of the load balancer while it loses rows) with the reason. While the
 * repository fails, the batch in hand stays and is retried after {@code retryDelay} (entry ids make a re-append
 * harmless) and new entries queue behind it; {@link #healthy()} is false until a write succeeds again.
 * {@link #close(Duration)} stops taking entries and drains the queue within the timeout. Thread-safe.
 */
public final class AuditWriter implements AutoCloseable, HealthCheck {
    private static final Logger LOG = LoggerFactory.getLogger(AuditWriter.class);
    private static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(10);
    /** The default bound of the queue's size: rows are ~1 KB at most (fields are truncated), so ~32,000 rows. */
    public static final long DEFAULT_QUEUE_BYTES = 32L * 1024 * 1024;
    /** How long the writer stays unhealthy after it dropped a row. */
    public static final Duration UNREADY_AFTER_DROP = Duration.ofSeconds(60);

    private final AuditLogRepository repository;
    private final BlockingQueue<AuditEntry> queue;
    private final int batchSize;
    private final Duration retryDelay;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicInteger inHand = new AtomicInteger();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final long maxBytes;
    private final Duration unreadyAfterDrop;
    private volatile long lastDropNanos;
    private final Thread worker;
    private volatile boolean accepting = true;
    private volatile boolean healthy = true;

    public AuditWriter(AuditLogRepository repository, int capacity, long maxBytes, int batchSize,
                       Duration retryDelay) {
        this(repository, capacity, maxBytes, batchSize, retryDelay, UNREADY_AFTER_DROP);
    }

    AuditWriter(AuditLogRepository repository, int capacity, long maxBytes, int batchSize, Duration retryDelay,
                Duration unreadyAfterDrop) {
        this.repository = repository;
        this.maxBytes = maxBytes;
        this.unreadyAfterDrop = unreadyAfterDrop;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.batchSize = batchSize;
        this.retryDelay = retryDelay;
        this.worker = Thread.ofPlatform().name("audit-writer").daemon().unstarted(this::run);
        worker.start();
    }

    /** Queues the entry; false (and counted as dropped) when the queue is full or the writer is closed. */
    public boolean submit(AuditEntry entry) {
        long size = sizeOf(entry);
        if (accepting) {
            if (queuedBytes.addAndGet(size) <= maxBytes && queue.offer(entry)) {
                return true;
            }
            queuedBytes.addAndGet(-size);
        }
        lastDropNanos = System.nanoTime();
        long count = dropped.incrementAndGet();
        if (count == 1 || count % 1000 == 0) {
            LOG.warn("audit queue full or closed: dropped audit row for request {} ({} dropped so far)",
                    entry.requestId(), count);
        }
        return false;
    }

    /** Entries not yet stored: queued plus the batch being written. */
    public int depth() {
        return queue.size() + inHand.get();
    }

    public long dropped() {
        return dropped.get();
    }

    public long failures() {
        return failures.get();
    }

    /** Approximate bytes of the entries queued (not yet taken into a batch). */
    public long queuedBytes() {
        return queuedBytes.get();
    }

    /** False while the last write failed, and for a while after a row was dropped. */
    @Override
    public boolean healthy() {
        return reason().isEmpty();
    }

    @Override
    public Optional<String> reason() {
        if (!healthy) {
            return Optional.of("storing audit rows fails; they are queued and retried");
        }
        long sinceDrop = System.nanoTime() - lastDropNanos;
        if (dropped.get() > 0 && sinceDrop < unreadyAfterDrop.toNanos()) {
            return Optional.of("audit rows were dropped in the last " + unreadyAfterDrop.toSeconds()
                    + " s (queue full); " + dropped.get() + " dropped since start");
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        close(DEFAULT_CLOSE_TIMEOUT);
    }

    /** Stops accepting entries and waits up to the timeout for the queue to drain; returns the entries left. */
    public int close(Duration timeout) {
        accepting = false;
        try {
            worker.join(timeout);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        if (worker.isAlive()) {
            worker.interrupt();
            LOG.error("audit writer did not drain within {}: {} rows not stored", timeout, depth());
        }
        return depth();
    }

    private void run() {
        MDC.put("job", "audit-writer");
        List<AuditEntry> batch = new ArrayList<>(batchSize);
        while (!Thread.currentThread().isInterrupted()) {
            if (batch.isEmpty() && !fill(batch)) {
                if (!accepting && queue.isEmpty()) {
                    return;
                }
                continue;
            }
            try {
                repository.appendAll(batch);
                batch.clear();
                inHand.set(0);
                healthy = true;
            } catch (RuntimeException failure) {
                healthy = false;
                failures.incrementAndGet();
                LOG.warn("audit write of {} rows failed, will retry: {}", batch.size(), failure.toString());
                if (!pause()) {
                    return;
                }
            }
        }
    }

    private boolean fill(List<AuditEntry> batch) {
        try {
            AuditEntry first = queue.poll(100, TimeUnit.MILLISECONDS);
            if (first == null) {
                return false;
            }
            batch.add(first);
            queue.drainTo(batch, batchSize - 1);
            queuedBytes.addAndGet(-batch.stream().mapToLong(AuditWriter::sizeOf).sum());
            inHand.set(batch.size());
            return true;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A rough size in memory: the strings' characters (two bytes each) plus the fixed fields and headers. */
    static long sizeOf(AuditEntry entry) {
        long chars = length(entry.requestId()) + length(entry.method()) + length(entry.route())
                + length(entry.path()) + length(entry.query()) + length(entry.userId()) + length(entry.userName())
                + length(entry.projectId()) + length(entry.projectName()) + length(entry.clientAddress())
                + length(entry.userAgent()) + length(entry.replicaId())
                + entry.upstreamRequestIds().stream().mapToLong(AuditWriter::length).sum();
        return 2 * chars + 256;
    }

    private static long length(String value) {
        return value == null ? 0 : value.length();
    }

    private boolean pause() {
        try {
            Thread.sleep(retryDelay);
            return true;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
