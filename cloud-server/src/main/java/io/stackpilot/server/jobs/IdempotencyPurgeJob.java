package io.stackpilot.server.jobs;

import io.stackpilot.core.common.Require;
import io.stackpilot.core.idempotency.IdempotencyPurge;
import io.stackpilot.core.lease.LeaseRepository;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Purges expired idempotency keys every {@link #PERIOD} on the one replica that holds the lease
 * {@value #LEASE_NAME} (the purge is idempotent, the lease only spares the database duplicate work). The lease
 * outlives two periods, so a dead holder is replaced within about two periods. {@link #tick()} never throws; a
 * failure is logged and the next period tries again. Thread-safe.
 */
public final class IdempotencyPurgeJob {
    public static final String LEASE_NAME = "idempotency-purge";
    public static final Duration PERIOD = Duration.ofMinutes(10);
    private static final Logger LOG = LoggerFactory.getLogger(IdempotencyPurgeJob.class);

    private final IdempotencyPurge purge;
    private final LeaseRepository leases;
    private final String replicaId;
    private final Clock clock;
    private volatile ScheduledThreadPoolExecutor scheduler;

    public IdempotencyPurgeJob(IdempotencyPurge purge, LeaseRepository leases, String replicaId, Clock clock) {
        this.purge = Require.notNull(purge, "purge");
        this.leases = Require.notNull(leases, "leases");
        this.replicaId = Require.notBlank(replicaId, "replicaId");
        this.clock = Require.notNull(clock, "clock");
    }

    /** Purges if this replica holds (or takes) the lease; returns how many keys it deleted (0 as a follower). */
    public int tick() {
        try {
            if (leases.tryAcquire(LEASE_NAME, replicaId, PERIOD.multipliedBy(2)).isEmpty()) {
                return 0;
            }
            int deleted = purge.purge();
            if (deleted > 0) {
                LOG.info("purged {} expired idempotency keys", deleted);
            }
            return deleted;
        } catch (RuntimeException failure) {
            LOG.warn("idempotency key purge failed, retrying in {}: {}", PERIOD, failure.toString());
            return 0;
        }
    }

    /** Runs {@link #tick()} now and every period on a daemon thread. */
    public synchronized void start() {
        if (scheduler != null) {
            throw new IllegalStateException("idempotency purge already started");
        }
        scheduler = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().name("stackpilot-idempotency-purge")
                .daemon().factory());
        scheduler.scheduleWithFixedDelay(this::tick, 0, PERIOD.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops the timer (interrupting a running purge; deleted batches stay deleted), gives the lease up. Idempotent. */
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
            leases.release(LEASE_NAME, replicaId);
        }
    }
}
