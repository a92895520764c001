package io.stackpilot.server.jobs;

import io.stackpilot.core.lease.LeaseRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renews a held lease every {@code period} on its own thread while a long piece of work runs, so that the lease does
 * not run out under a holder that is alive but busy (a slow cloud) and a second replica does not take over and
 * repeat the work. Renewing fails only when another holder took the lease after all (this one stalled longer than
 * the TTL); that is logged once, and the work's writes stay safe because they are idempotent. Renewing stops after
 * {@code maxHold}, so a holder whose work hangs loses the lease like a dead one. Close it when the work ends.
 * Thread-safe.
 */
final class LeaseHeartbeat implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LeaseHeartbeat.class);

    private final LeaseRepository leases;
    private final String name;
    private final String holder;
    private final Duration ttl;
    private final Clock clock;
    private final Instant giveUpAt;
    private final ScheduledExecutorService timer;
    private volatile boolean lost;
    private volatile boolean gaveUp;

    private LeaseHeartbeat(LeaseRepository leases, String name, String holder, Duration ttl, Duration maxHold,
                           Clock clock) {
        this.leases = leases;
        this.name = name;
        this.holder = holder;
        this.ttl = ttl;
        this.clock = clock;
        this.giveUpAt = clock.instant().plus(maxHold);
        this.timer = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().name("stackpilot-lease-heartbeat")
                .daemon().factory());
    }

    /** Starts renewing every {@code period} from now until {@code maxHold} has passed; the caller holds the lease. */
    static LeaseHeartbeat start(LeaseRepository leases, String name, String holder, Duration ttl, Duration period,
                                Duration maxHold, Clock clock) {
        LeaseHeartbeat heartbeat = new LeaseHeartbeat(leases, name, holder, ttl, maxHold, clock);
        heartbeat.timer.scheduleAtFixedRate(heartbeat::renew, period.toNanos(), period.toNanos(),
                TimeUnit.NANOSECONDS);
        return heartbeat;
    }

    private void renew() {
        if (gaveUp || lost) {
            return;
        }
        if (clock.instant().isAfter(giveUpAt)) {
            gaveUp = true;
            LOG.warn("{} still collecting after the longest hold; no longer renewing lease {}", holder, name);
            return;
        }
        try {
            if (leases.tryAcquire(name, holder, ttl).isEmpty()) {
                lost = true;
                LOG.warn("{} lost lease {} to another replica during a long collection", holder, name);
            }
        } catch (RuntimeException failure) {
            // The next beat retries; the lease outlives a few failed beats (TTL = three periods).
            LOG.debug("renewing lease {} failed: {}", name, failure.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
