package io.stackpilot.server.jobs;

import io.stackpilot.core.audit.AuditLogRepository;
import io.stackpilot.core.audit.AuditRetention;
import io.stackpilot.core.common.Require;
import io.stackpilot.core.compute.ComputeGateway;
import io.stackpilot.core.identity.ProjectRef;
import io.stackpilot.core.identity.Session;
import io.stackpilot.core.lease.LeaseRepository;
import io.stackpilot.core.stats.StatsBackfill;
import io.stackpilot.core.stats.StatsBuckets;
import io.stackpilot.core.stats.StatsCollector;
import io.stackpilot.core.stats.StatsLocations;
import io.stackpilot.core.stats.StatsRetention;
import io.stackpilot.core.stats.StatsSample;
import io.stackpilot.core.stats.StatsSampleRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The statistics timer of one replica. Every replica runs one; they agree through a shared lease
 * ({@value #LEASE_NAME}) so that only the holder asks the cloud. On each {@link #tick()} the replica takes or
 * renews the lease; the holder then collects the current bucket if it has no sample yet (the total's sample marks
 * a collected bucket), and once per bucket backfills missing buckets and purges old samples and old audit entries
 * ({@link AuditRetention}: one replica purges, and a failed purge is retried at the next bucket without holding up
 * the statistics), renewing the lease
 * every tick meanwhile ({@link LeaseHeartbeat}, for at most one interval) so that a slow cloud does not let a second
 * replica take over and ask it again, while a hung holder still loses the lease. Samples are written
 * with insert-if-absent, so even two holders at once (a stalled holder whose lease ran out) store each bucket once.
 *
 * <p>The scheduling loop ({@link #start()}) only calls {@link #tick()} and sleeps for the delay it returns; tests call
 * {@link #tick()} directly with a controlled clock. Timing: see {@link StatsJobTiming}. {@link #tick()} is
 * synchronized; the rest is thread-safe.
 */
public final class StatsJob implements AutoCloseable {
    public static final String LEASE_NAME = "stats-collector";
    private static final Logger LOG = LoggerFactory.getLogger(StatsJob.class);

    /** What the replica did at its last tick. */
    public enum State { IDLE, FOLLOWER, LEADER, FAILING, STOPPED }

    private final StatsCollector collector;
    private final StatsBackfill backfill;
    private final StatsRetention retention;
    private final AuditRetention auditRetention;
    private final StatsSampleRepository samples;
    private final LeaseRepository leases;
    private final StatsBuckets buckets;
    private final StatsJobTiming timing;
    private final String replicaId;
    private final Clock clock;

    private volatile State state = State.IDLE;
    private volatile boolean stopped;
    private int failures;
    private Instant maintainedBucket;
    private volatile ScheduledThreadPoolExecutor scheduler;
    private volatile Duration heartbeatPeriod;

    public StatsJob(StatsCollector collector, StatsBackfill backfill, StatsRetention retention,
                    AuditRetention auditRetention, StatsSampleRepository samples, LeaseRepository leases,
                    StatsBuckets buckets, String replicaId, Clock clock) {
        this.collector = Require.notNull(collector, "collector");
        this.backfill = Require.notNull(backfill, "backfill");
        this.retention = Require.notNull(retention, "retention");
        this.auditRetention = Require.notNull(auditRetention, "auditRetention");
        this.samples = Require.notNull(samples, "samples");
        this.leases = Require.notNull(leases, "leases");
        this.buckets = Require.notNull(buckets, "buckets");
        this.timing = StatsJobTiming.forInterval(buckets.interval());
        this.heartbeatPeriod = timing.tick();
        this.replicaId = Require.notBlank(replicaId, "replicaId");
        this.clock = Require.notNull(clock, "clock");
    }

    /** Wires the job and its use cases from the ports, as the composition root does. */
    public static StatsJob create(ComputeGateway compute, Supplier<Session> serviceSession,
                                  Supplier<List<ProjectRef>> allowedProjects, StatsSampleRepository samples,
                                  LeaseRepository leases, StatsBuckets buckets, Duration retention,
                                  AuditLogRepository auditLog, Duration auditRetention, String replicaId,
                                  Clock clock) {
        return create(compute, serviceSession, allowedProjects, samples, leases, buckets, retention, auditLog,
                auditRetention, replicaId, clock, StatsLocations.none());
    }

    /** As the other {@code create}, sampling {@code elsewhere}'s locations too (see {@link StatsCollector}). */
    public static StatsJob create(ComputeGateway compute, Supplier<Session> serviceSession,
                                  Supplier<List<ProjectRef>> allowedProjects, StatsSampleRepository samples,
                                  LeaseRepository leases, StatsBuckets buckets, Duration retention,
                                  AuditLogRepository auditLog, Duration auditRetention, String replicaId,
                                  Clock clock, StatsLocations elsewhere) {
        return new StatsJob(
                new StatsCollector(compute, serviceSession, allowedProjects, samples, buckets, clock, elsewhere),
                new StatsBackfill(compute, serviceSession, allowedProjects, samples, buckets, retention, clock),
                new StatsRetention(samples, buckets, retention, clock),
                new AuditRetention(auditLog, auditRetention, clock),
                samples, leases, buckets, replicaId, clock);
    }

    /**
     * One step: take or renew the lease; as holder, collect the current bucket if absent, then (once per bucket)
     * backfill and purge. Never throws: a failure is logged on the first occurrence and answered with a backoff.
     *
     * @return how long to wait before the next tick (to the next grid point, or the backoff after a failure)
     */
    public synchronized Duration tick() {
        if (stopped) {
            return timing.maxBackoff();
        }
        try {
            Instant now = clock.instant();
            if (leases.tryAcquire(LEASE_NAME, replicaId, timing.leaseTtl()).isEmpty()) {
                maintainedBucket = null;
                enter(State.FOLLOWER, null);
                return timing.delayToNextTick(buckets.bucketOf(now), clock.instant());
            }
            Instant bucket = buckets.bucketOf(now);
            boolean collect = samples.bucketsPresent(StatsSample.TOTAL, bucket, buckets.next(bucket)).isEmpty();
            boolean maintain = !bucket.equals(maintainedBucket);
            if (collect || maintain) {
                // The cloud may take longer than the lease's TTL to answer: keep the lease while waiting.
                // ... but not forever: a holder hung for a whole interval lets another replica take over.
                LeaseHeartbeat heartbeat = LeaseHeartbeat.start(leases, LEASE_NAME, replicaId, timing.leaseTtl(),
                        heartbeatPeriod, buckets.interval(), clock);
                try {
                    if (collect) {
                        collector.collect(bucket);
                    }
                    if (maintain) {
                        backfill.backfill();
                        retention.purge();
                        purgeAuditLog();
                        maintainedBucket = bucket;
                    }
                } finally {
                    heartbeat.close();
                }
            }
            enter(State.LEADER, null);
            Instant after = clock.instant();
            return timing.delayToNextTick(buckets.bucketOf(after), after);
        } catch (RuntimeException failure) {
            enter(State.FAILING, failure);
            return timing.backoff(failures);
        }
    }

    private void purgeAuditLog() {
        try {
            AuditRetention.Purge purge = auditRetention.purge();
            if (purge.droppedMonths() > 0 || purge.deletedEntries() > 0) {
                LOG.info("removed audit entries older than the audit retention: {} whole months, {} single entries",
                        purge.droppedMonths(), purge.deletedEntries());
            }
        } catch (RuntimeException failure) {
            LOG.warn("purging old audit entries failed, retrying at the next bucket: {}", failure.toString());
        }
    }

    private void enter(State next, RuntimeException failure) {
        State previous = state;
        state = next;
        if (next == State.FAILING) {
            failures++;
            if (previous != State.FAILING) {
                LOG.warn("stats job on {} failing, retrying with backoff: {}", replicaId, failure.toString());
            } else {
                LOG.debug("stats job on {} still failing ({} times): {}", replicaId, failures, failure.toString());
            }
            return;
        }
        if (previous == State.FAILING && next == State.LEADER) {
            LOG.info("stats job on {} recovered after {} failures", replicaId, failures);
        } else if (next != previous) {
            LOG.info("stats job on {} is now {}", replicaId,
                    next == State.LEADER ? "the lease holder (collects)" : "a follower (another replica collects)");
        }
        failures = 0;
    }

    /** How often the lease is renewed while the holder collects (default: one tick); tests shorten it. */
    void heartbeatEvery(Duration period) {
        heartbeatPeriod = Require.notNull(period, "period");
    }

    public State state() {
        return stopped ? State.STOPPED : state;
    }

    public String replicaId() {
        return replicaId;
    }

    public StatsJobTiming timing() {
        return timing;
    }

    /** Starts the scheduling loop on its own daemon thread; the first tick runs at once. */
    public synchronized void start() {
        if (scheduler != null) {
            throw new IllegalStateException("stats job already started");
        }
        scheduler = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().name("stackpilot-stats-job").daemon()
                .factory());
        scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        scheduler.execute(this::runAndReschedule);
    }

    private void runAndReschedule() {
        // The scheduler's one thread does nothing else: its lines say which job they come from.
        MDC.put("job", LEASE_NAME);
        Duration delay;
        try {
            delay = tick();
        } catch (Throwable unexpected) {
            LOG.error("stats job tick failed unexpectedly", unexpected);
            delay = timing.maxBackoff();
        }
        ScheduledThreadPoolExecutor current = scheduler;
        if (!stopped && current != null) {
            try {
                current.schedule(this::runAndReschedule, delay.toNanos(), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException stopping) {
                // stop() shut the scheduler down meanwhile: nothing more to schedule.
            }
        }
    }

    /**
     * Stops the loop (no tick starts any more), waits up to {@code timeout} for a running tick, and releases the
     * lease so that another replica takes over at its next tick instead of after the lease's TTL. Idempotent.
     */
    public void stop(Duration timeout) {
        stopped = true;
        ScheduledThreadPoolExecutor current = scheduler;
        if (current != null) {
            current.shutdown();
            try {
                current.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        leases.release(LEASE_NAME, replicaId);
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(10));
    }
}
