package io.stackpilot.server.audit;

import io.stackpilot.core.audit.AuditEntry;
import io.stackpilot.core.audit.AuditLogRepository;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes audit entries off the request thread, in batches, through the repository. The queue is bounded: an entry
 * that does not fit is dropped, counted ({@link #dropped()}) and logged (the first, then every 1000th). While the
 * repository fails, the batch in hand stays and is retried after {@code retryDelay} (entry ids make a re-append
 * harmless) and new entries queue behind it; {@link #healthy()} is false until a write succeeds again.
 * {@link #close(Duration)} stops taking entries and drains the queue within the timeout. Thread-safe.
 */
public final class AuditWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AuditWriter.class);
    private static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final AuditLogRepository repository;
    private final BlockingQueue<AuditEntry> queue;
    private final int batchSize;
    private final Duration retryDelay;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicInteger inHand = new AtomicInteger();
    private final Thread worker;
    private volatile boolean accepting = true;
    private volatile boolean healthy = true;

    public AuditWriter(AuditLogRepository repository, int capacity, int batchSize, Duration retryDelay) {
        this.repository = repository;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.batchSize = batchSize;
        this.retryDelay = retryDelay;
        this.worker = Thread.ofPlatform().name("audit-writer").daemon().unstarted(this::run);
        worker.start();
    }

    /** Queues the entry; false (and counted as dropped) when the queue is full or the writer is closed. */
    public boolean submit(AuditEntry entry) {
        if (accepting && queue.offer(entry)) {
            return true;
        }
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

    /** False while the last write failed. */
    public boolean healthy() {
        return healthy;
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
            inHand.set(batch.size());
            return true;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
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
