package io.stackpilot.server.jobs;

import static io.stackpilot.core.testing.TestData.DEMO;
import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.core.audit.AuditRetention;
import io.stackpilot.core.common.Page;
import io.stackpilot.core.compute.BootRequest;
import io.stackpilot.core.compute.ComputeGateway;
import io.stackpilot.core.compute.ComputeLimits;
import io.stackpilot.core.compute.Flavor;
import io.stackpilot.core.compute.Server;
import io.stackpilot.core.compute.ServerId;
import io.stackpilot.core.compute.ServerQuery;
import io.stackpilot.core.compute.ServerUsage;
import io.stackpilot.core.identity.Session;
import io.stackpilot.core.lease.Lease;
import io.stackpilot.core.stats.AllowedProjects;
import io.stackpilot.core.stats.StatsBuckets;
import io.stackpilot.core.stats.StatsSample;
import io.stackpilot.core.testing.FakeCloud;
import io.stackpilot.core.testing.InMemoryAuditLogRepository;
import io.stackpilot.core.testing.InMemoryLeaseRepository;
import io.stackpilot.core.testing.InMemoryStatsSampleRepository;
import io.stackpilot.core.testing.MutableClock;
import io.stackpilot.core.testing.TestData;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A collection that outlasts the lease's TTL (Nova answering slowly): the holder keeps renewing its lease while it
 * waits, so a second replica ticking mid-collection stays a follower and does not ask the cloud a second time; but
 * only for one interval, so a hung holder still loses the lease.
 */
class StatsJobHeartbeatTest {
    private static final Instant BUCKET = Instant.parse("2026-11-22T06:00:00Z");

    private final MutableClock clock = MutableClock.at("2026-11-22T06:00:00Z");
    private final FakeCloud cloud = FakeCloud.withLabContent(clock);
    private final InMemoryStatsSampleRepository samples = new InMemoryStatsSampleRepository();
    private final InMemoryLeaseRepository leases = new InMemoryLeaseRepository(clock);

    private StatsJob job(ComputeGateway compute, String replicaId) {
        return StatsJob.create(compute, () -> TestData.session(TestData.admin()), AllowedProjects.fixed(List.of(DEMO)),
                samples, leases, StatsBuckets.hourly(), Duration.ofDays(90),
                new InMemoryAuditLogRepository(), AuditRetention.DEFAULT_RETENTION, replicaId, clock);
    }

    @Test
    void a_second_replica_ticking_during_a_collection_longer_than_the_ttl_stays_a_follower() {
        StatsJob follower = job(cloud, "replica-b");
        AtomicReference<StatsJob.State> followerState = new AtomicReference<>();
        AtomicBoolean slowOnce = new AtomicBoolean(true);
        ComputeGateway slowNova = new SlowCompute(cloud, () -> {
            if (slowOnce.getAndSet(false)) {
                // Two minutes pass inside the call: longer than the 90 s lease the holder took at 06:00.
                clock.advance(Duration.ofMinutes(2));
                awaitRenewalAfter(clock.instant());
                follower.tick();
                followerState.set(follower.state());
            }
        });
        StatsJob holder = job(slowNova, "replica-a");
        holder.heartbeatEvery(Duration.ofMillis(20));

        holder.tick();

        assertThat(followerState.get()).isEqualTo(StatsJob.State.FOLLOWER);
        assertThat(cloud.calls("listServers")).as("Nova asked once for the bucket").isEqualTo(1);
        assertThat(samples.find(StatsSample.TOTAL, BUCKET, BUCKET.plusSeconds(1))).hasSize(1);
        assertThat(leases.find(StatsJob.LEASE_NAME)).get().extracting(Lease::holder).isEqualTo("replica-a");
        assertThat(holder.state()).isEqualTo(StatsJob.State.LEADER);
    }

    @Test
    void a_holder_hung_for_longer_than_an_interval_stops_renewing_and_loses_the_lease() {
        StatsJob follower = job(cloud, "replica-b");
        AtomicReference<StatsJob.State> followerState = new AtomicReference<>();
        AtomicBoolean hangOnce = new AtomicBoolean(true);
        ComputeGateway hungNova = new SlowCompute(cloud, () -> {
            if (hangOnce.getAndSet(false)) {
                clock.advance(Duration.ofMinutes(61));
                // Give the heartbeat (every 20 ms) many chances to renew, which it must not do any more.
                for (int i = 0; i < 20; i++) {
                    sleep();
                }
                follower.tick();
                followerState.set(follower.state());
            }
        });
        StatsJob holder = job(hungNova, "replica-a");
        holder.heartbeatEvery(Duration.ofMillis(20));

        holder.tick();

        assertThat(followerState.get()).isEqualTo(StatsJob.State.LEADER);
        assertThat(leases.find(StatsJob.LEASE_NAME)).get().extracting(Lease::holder).isEqualTo("replica-b");
    }

    /** Waits (bounded) until the lease lasts beyond {@code now}; returns either way, the assertions tell. */
    private void awaitRenewalAfter(Instant now) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Lease> lease = leases.find(StatsJob.LEASE_NAME);
            if (lease.isPresent() && lease.get().expiresAt().isAfter(now)) {
                return;
            }
            sleep();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The fake cloud, with a hook run at the start of every server list (before answering). */
    private record SlowCompute(ComputeGateway delegate, Runnable beforeList) implements ComputeGateway {
        @Override
        public List<Flavor> listFlavors(Session session) {
            return delegate.listFlavors(session);
        }

        @Override
        public Page<Server> listServers(Session session, ServerQuery query) {
            beforeList.run();
            return delegate.listServers(session, query);
        }

        @Override
        public Optional<Server> findServer(Session session, ServerId id) {
            return delegate.findServer(session, id);
        }

        @Override
        public Server boot(Session session, BootRequest request) {
            return delegate.boot(session, request);
        }

        @Override
        public void delete(Session session, ServerId id) {
            delegate.delete(session, id);
        }

        @Override
        public ComputeLimits limits(Session session) {
            return delegate.limits(session);
        }

        @Override
        public List<ServerUsage> usage(Session session, Instant start, Instant end) {
            return delegate.usage(session, start, end);
        }
    }
}
