package io.stackpilot.kubernetes;

import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leader election over one coordination.k8s.io Lease, the algorithm of client-go's leaderelection: every {@code
 * retryPeriod} each replica reads the Lease; the holder renews it (compare-and-set on its resourceVersion); the others
 * take it over once it has not changed for its {@code leaseDurationSeconds} as measured by their own monotonic clock
 * (no comparison of another host's wall clock with ours), or at once when nobody holds it. A leader that has not
 * renewed for {@code renewDeadline} stops leading before the Lease can expire for the others.
 *
 * <p>Why not fabric8's LeaderElector (7.5.2): its start() future never completes when its acquire loop ends with an
 * exception that is not a KubernetesClientException (a Lease written by another tool without renewTime or
 * leaseDurationSeconds is a NullPointerException there, so is an exception out of a callback), so a replica that
 * "joins again when the election ends" silently left the election for good and a dead leader's Lease was never taken
 * over; it also reports "start leading" when it merely reads a Lease naming itself, before writing it (fixed upstream
 * after 7.5.2). Here a round never ends the loop, whatever it throws; leading starts only after a successful write.
 *
 * <p>{@code onStart} and {@code onStop} run one after the other on a thread of their own, so a slow start (an
 * informer listing every object) never delays a renewal; what they throw is logged. Thread-safe.
 */
final class LeaseElection implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LeaseElection.class);

    private final LeaseStore store;
    private final String identity;
    private final Duration leaseDuration;
    private final Duration renewDeadline;
    private final Duration retryPeriod;
    private final LongSupplier nanoTime;
    private final Clock clock;
    private final Runnable onStart;
    private final Runnable onStop;
    private final boolean deleteOnClose;
    private final ExecutorService callbacks = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("k8s-leadership").factory());
    private final ScheduledExecutorService rounds = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("k8s-leader-election").factory());

    // Guarded by this.
    private String observedVersion;
    private long observedAt;
    private boolean leading;
    private long renewedAt;
    private boolean closed;

    LeaseElection(LeaseStore store, String identity, Duration leaseDuration, Duration renewDeadline,
                  Duration retryPeriod, LongSupplier nanoTime, Clock clock, Runnable onStart, Runnable onStop) {
        this(store, identity, leaseDuration, renewDeadline, retryPeriod, nanoTime, clock, onStart, onStop, false);
    }

    /** {@code deleteOnClose}: a leader that closes deletes the Lease instead of leaving it released (see close). */
    LeaseElection(LeaseStore store, String identity, Duration leaseDuration, Duration renewDeadline,
                  Duration retryPeriod, LongSupplier nanoTime, Clock clock, Runnable onStart, Runnable onStop,
                  boolean deleteOnClose) {
        this.deleteOnClose = deleteOnClose;
        this.store = Objects.requireNonNull(store, "store");
        this.identity = Objects.requireNonNull(identity, "identity");
        if (identity.isBlank() || !leaseDuration.minus(renewDeadline).isPositive()
                || !renewDeadline.minus(retryPeriod).isPositive() || !retryPeriod.isPositive()) {
            throw new IllegalArgumentException("needs an identity and leaseDuration > renewDeadline > retryPeriod > 0");
        }
        this.leaseDuration = leaseDuration;
        this.renewDeadline = renewDeadline;
        this.retryPeriod = retryPeriod;
        this.nanoTime = nanoTime;
        this.clock = clock;
        this.onStart = onStart;
        this.onStop = onStop;
    }

    /** The usual proportions: renew deadline 2/3 of the lease, a round every 1/5 of it (15 s: 10 s, 3 s). */
    static LeaseElection forLease(LeaseStore store, String identity, Duration leaseDuration, Clock clock,
                                  Runnable onStart, Runnable onStop, boolean deleteOnClose) {
        return new LeaseElection(store, identity, leaseDuration, leaseDuration.multipliedBy(2).dividedBy(3),
                leaseDuration.dividedBy(5), System::nanoTime, clock, onStart, onStop, deleteOnClose);
    }

    /** Starts the rounds (the first at once); returns at once. */
    void start() {
        rounds.scheduleWithFixedDelay(this::safeRound, 0, retryPeriod.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether this replica leads now (it stops believing so when it has not renewed for the renew deadline). */
    synchronized boolean leading() {
        if (leading && nanoTime.getAsLong() - renewedAt > renewDeadline.toNanos()) {
            lose("not renewed for " + renewDeadline);
        }
        return leading;
    }

    private void safeRound() {
        try {
            round();
        } catch (RuntimeException | Error failed) {
            // A scheduled task that throws is never run again: nothing may end the rounds but close().
            LOG.warn("leader election round of {} failed: {}", identity, failed.toString());
        }
    }

    /** One round: read the Lease, then renew, take over or wait. Returns whether this replica leads after it. */
    synchronized boolean round() {
        if (closed) {
            return false;
        }
        long now = nanoTime.getAsLong();
        leading();
        Optional<LeaseStore.Record> read;
        try {
            read = store.read();
        } catch (RuntimeException unreadable) {
            LOG.warn("leader election: cannot read the Lease ({}); {} retries", unreadable.toString(), identity);
            return leading;
        }
        if (read.isEmpty()) {
            return write(() -> store.create(record(null, now)), now);
        }
        LeaseStore.Record current = read.get();
        if (!Objects.equals(current.resourceVersion(), observedVersion)) {
            observedVersion = current.resourceVersion();
            observedAt = now;
        }
        boolean mine = identity.equals(current.holder());
        if (leading && !mine) {
            lose("the Lease is held by " + current.holder());
            return false;
        }
        if (!mine && current.held() && now - observedAt < durationOf(current).toNanos()) {
            return false;
        }
        if (!mine) {
            LOG.info("leader election: {} takes the Lease over from {}", identity,
                    current.held() ? current.holder() + " (not renewed for " + durationOf(current) + ")" : "nobody");
        }
        return write(() -> store.replace(record(current, now), current.resourceVersion()), now);
    }

    private LeaseStore.Record record(LeaseStore.Record current, long now) {
        var wall = clock.instant().truncatedTo(ChronoUnit.MICROS);
        boolean renewing = current != null && identity.equals(current.holder()) && leading;
        return new LeaseStore.Record(identity, (int) leaseDuration.toSeconds(),
                renewing && current.acquireTime() != null ? current.acquireTime() : wall, wall,
                current == null ? 0 : current.leaseTransitions() + (identity.equals(current.holder()) ? 0 : 1), null);
    }

    private boolean write(java.util.function.BooleanSupplier call, long now) {
        boolean written;
        try {
            written = call.getAsBoolean();
        } catch (RuntimeException failed) {
            LOG.warn("leader election: cannot write the Lease ({}); {} retries", failed.toString(), identity);
            return leading;
        }
        if (!written) {
            // Someone else wrote it first: the next round reads what they wrote.
            return leading;
        }
        renewedAt = now;
        if (!leading) {
            leading = true;
            LOG.info("leader election: {} leads", identity);
            callbacks.execute(() -> run(onStart, "start"));
        }
        return true;
    }

    private Duration durationOf(LeaseStore.Record current) {
        Integer seconds = current.leaseDurationSeconds();
        return seconds == null || seconds < 1 ? leaseDuration : Duration.ofSeconds(seconds);
    }

    private void lose(String why) {
        leading = false;
        LOG.warn("leader election: {} stops leading: {}", identity, why);
        callbacks.execute(() -> run(onStop, "stop"));
    }

    private static void run(Runnable callback, String what) {
        try {
            callback.run();
        } catch (RuntimeException failed) {
            LOG.error("leader election: the {} callback failed: {}", what, failed.toString(), failed);
        }
    }

    /**
     * Gives the Lease up now when leading (the leader could not start its work): nobody holds it, so the next round
     * of any replica, this one included, takes it and starts again.
     */
    synchronized void resign(String why) {
        if (leading && !closed) {
            release();
            lose(why);
        }
    }

    /**
     * Stops the rounds; a leader gives the Lease up (nobody holds it, so another replica takes it at its next round
     * instead of after the lease duration) and runs onStop before this returns. With {@code deleteOnClose} the leader
     * deletes the Lease instead (another replica creates it again at its next round), so that a Lease of its own,
     * such as a per-namespace controller's, is not left behind once its last replica stopped cleanly.
     */
    @Override
    public void close() {
        rounds.shutdownNow();
        try {
            rounds.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            if (leading) {
                if (deleteOnClose) {
                    delete();
                } else {
                    release();
                }
                lose("closing");
            }
        }
        callbacks.shutdown();
        try {
            callbacks.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void delete() {
        try {
            store.read().filter(current -> identity.equals(current.holder())).ifPresent(current -> {
                if (store.delete(current.resourceVersion())) {
                    LOG.info("leader election: {} deleted the Lease", identity);
                }
            });
        } catch (RuntimeException failed) {
            LOG.warn("leader election: {} could not delete the Lease ({}); it stays behind, expired", identity,
                    failed.toString());
        }
    }

    private void release() {
        try {
            store.read().filter(current -> identity.equals(current.holder())).ifPresent(current -> {
                var wall = clock.instant().truncatedTo(ChronoUnit.MICROS);
                if (store.replace(new LeaseStore.Record(null, 1, current.acquireTime(), wall,
                        current.leaseTransitions(), null), current.resourceVersion())) {
                    LOG.info("leader election: {} released the Lease", identity);
                }
            });
        } catch (RuntimeException failed) {
            LOG.warn("leader election: {} could not release the Lease ({}); it expires by itself", identity,
                    failed.toString());
        }
    }
}
