package io.stackpilot.server.audit;

import io.stackpilot.core.audit.AuditEntry;
import io.stackpilot.core.audit.AuditLogRepository;
import io.stackpilot.server.http.HealthCheck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Writes audit entries off the request thread, in batches, through the repository, and never drops the row of a
 * request it admitted. The queue has a high-water mark in rows ({@code capacity}) and in (approximate) bytes
 * ({@code maxBytes}). Backpressure works at the start of a request, before it acts: {@link #admit()} lets the request
 * in at once while the queue is below the mark; above it, the request thread (a virtual thread) waits up to
 * {@code admissionWait} for the writer to store a batch, so the request rate falls to what the database takes. Only
 * a request that still finds no room after that wait is refused ({@link #rejected()}; the HTTP layer answers 503 with
 * {@code Retry-After}, and the refused request, which did nothing, gets no row). {@link #submit} at the end of a
 * request never refuses and never waits: it must not hold up the completion of a request that already acted (Jetty
 * may complete a response on one of its own platform threads), and the rows it adds above the mark are bounded by
 * the requests that were in flight when the mark was reached, each admitted while there was room. So an overload or
 * a database outage costs refused requests, never a lost row.
 *
 * <p>While the repository fails, the batch in hand stays and is retried after {@code retryDelay} (entry ids make a
 * re-append harmless) and new entries queue behind it; {@link #healthy()} is false until a write succeeds again, and
 * while the queue is at or above its high-water mark (so {@code /readyz} takes the replica out of the load balancer
 * while it holds or refuses requests). {@link #close(Duration)} stops taking entries and drains the queue within the
 * timeout; an entry submitted after that is the only one ever dropped ({@link #dropped()}, logged). Thread-safe.
 */
public final class AuditWriter implements AutoCloseable, HealthCheck {
    private static final Logger LOG = LoggerFactory.getLogger(AuditWriter.class);
    private static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(10);
    /** The default high-water mark in bytes: rows are ~1 KB at most (fields are truncated), so ~32,000 rows. */
    public static final long DEFAULT_QUEUE_BYTES = 32L * 1024 * 1024;
    /** How long a request waits at its start for room in a full queue before it is refused. */
    public static final Duration DEFAULT_ADMISSION_WAIT = Duration.ofSeconds(1);

    private final AuditLogRepository repository;
    private final BlockingQueue<AuditEntry> queue = new LinkedBlockingQueue<>();
    private final int capacity;
    private final int batchSize;
    private final Duration retryDelay;
    private final Duration admissionWait;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicInteger inHand = new AtomicInteger();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicInteger waiting = new AtomicInteger();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition room = lock.newCondition();
    private final long maxBytes;
    private final Thread worker;
    private volatile boolean accepting = true;
    private volatile boolean healthy = true;

    public AuditWriter(AuditLogRepository repository, int capacity, long maxBytes, int batchSize,
                       Duration retryDelay) {
        this(repository, capacity, maxBytes, batchSize, retryDelay, DEFAULT_ADMISSION_WAIT);
    }

    public AuditWriter(AuditLogRepository repository, int capacity, long maxBytes, int batchSize, Duration retryDelay,
                       Duration admissionWait) {
        this.repository = repository;
        this.capacity = capacity;
        this.maxBytes = maxBytes;
        this.batchSize = batchSize;
        this.retryDelay = retryDelay;
        this.admissionWait = admissionWait;
        this.worker = Thread.ofPlatform().name("audit-writer").daemon().unstarted(this::run);
        worker.start();
    }

    /**
     * Called at the start of a request, before it acts: true at once while the queue is below its high-water mark;
     * otherwise waits up to the admission wait for room, and false (counted in {@link #rejected()}) if none came or
     * the writer is closed. The caller refuses a request it is told false for, and must not audit it.
     */
    public boolean admit() {
        if (hasRoom() && accepting) {
            return true;
        }
        long deadline = System.nanoTime() + admissionWait.toNanos();
        boolean admitted = false;
        waiting.incrementAndGet();
        lock.lock();
        try {
            while (accepting) {
                if (hasRoom()) {
                    admitted = true;
                    break;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                room.awaitNanos(left);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
            waiting.decrementAndGet();
        }
        if (admitted) {
            return true;
        }
        long count = rejected.incrementAndGet();
        if (count == 1 || count % 1000 == 0) {
            LOG.warn("audit queue at its high-water mark ({} rows, ~{} bytes) for {}: refused a request with 503 "
                    + "({} refused so far)", depth(), queuedBytes.get(), admissionWait, count);
        }
        return false;
    }

    /**
     * Queues the entry of a request that was admitted (or needs no admission); never refuses it and never waits.
     * False only after {@link #close} (counted as dropped and logged: the server closes the writer after its last
     * request completed, so this does not happen in a clean stop).
     */
    public boolean submit(AuditEntry entry) {
        if (!accepting) {
            long count = dropped.incrementAndGet();
            LOG.error("audit writer closed: dropped audit row for request {} ({} dropped so far)",
                    entry.requestId(), count);
            return false;
        }
        queuedBytes.addAndGet(sizeOf(entry));
        queue.add(entry);
        return true;
    }

    private boolean hasRoom() {
        return queue.size() + inHand.get() < capacity && queuedBytes.get() < maxBytes;
    }

    /** Entries not yet stored: queued plus the batch being written. */
    public int depth() {
        return queue.size() + inHand.get();
    }

    /** Rows dropped: only entries submitted after {@link #close}; zero in normal operation. */
    public long dropped() {
        return dropped.get();
    }

    /** Requests refused at their start because the queue stayed at its high-water mark for the admission wait. */
    public long rejected() {
        return rejected.get();
    }

    public long failures() {
        return failures.get();
    }

    /** Approximate bytes of the entries queued (not yet taken into a batch). */
    public long queuedBytes() {
        return queuedBytes.get();
    }

    /** False while the last write failed, and while the queue is at or above its high-water mark. */
    @Override
    public boolean healthy() {
        return reason().isEmpty();
    }

    @Override
    public Optional<String> reason() {
        if (!healthy) {
            return Optional.of("storing audit rows fails; they are queued and retried");
        }
        if (!hasRoom()) {
            return Optional.of("audit queue at its high-water mark (" + depth() + " rows): new requests wait up to "
                    + admissionWait.toMillis() + " ms for room, then get 503; " + rejected.get()
                    + " refused since start");
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
        wakeWaiters();
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
                wakeWaiters();
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

    /** Wakes requests waiting in {@link #admit()} for room; costs the writer nothing while none waits. */
    private void wakeWaiters() {
        if (waiting.get() > 0) {
            lock.lock();
            try {
                room.signalAll();
            } finally {
                lock.unlock();
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
            long bytes = 0;
            for (AuditEntry entry : batch) {
                bytes += sizeOf(entry);
            }
            queuedBytes.addAndGet(-bytes);
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
                + length(entry.userAgent()) + length(entry.replicaId());
        for (String upstream : entry.upstreamRequestIds()) {
            chars += length(upstream);
        }
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
