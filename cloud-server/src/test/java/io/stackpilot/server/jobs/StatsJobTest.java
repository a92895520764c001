package io.stackpilot.server.jobs;

import static io.stackpilot.core.testing.TestData.ALT_DEMO;
import static io.stackpilot.core.testing.TestData.DEMO;
import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.core.audit.AuditEntry;
import io.stackpilot.core.audit.AuditLogRepository;
import io.stackpilot.core.audit.AuditQuery;
import io.stackpilot.core.audit.AuditRetention;
import io.stackpilot.core.common.Page;
import io.stackpilot.core.compute.ServerStatus;
import io.stackpilot.core.error.UpstreamUnavailableException;
import io.stackpilot.core.lease.Lease;
import io.stackpilot.core.stats.AllowedProjects;
import io.stackpilot.core.stats.SampleSource;
import io.stackpilot.core.stats.StatsBuckets;
import io.stackpilot.core.stats.StatsSample;
import io.stackpilot.core.testing.FakeCloud;
import io.stackpilot.core.testing.InMemoryAuditLogRepository;
import io.stackpilot.core.testing.InMemoryLeaseRepository;
import io.stackpilot.core.testing.InMemoryStatsSampleRepository;
import io.stackpilot.core.testing.MutableClock;
import io.stackpilot.core.testing.TestData;
import io.stackpilot.core.testing.contract.AuditLogRepositoryContract;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatsJobTest {
    private static final Instant BUCKET = Instant.parse("2026-11-22T06:00:00Z");

    private final MutableClock clock = MutableClock.at("2026-11-22T06:17:42Z");
    private final FakeCloud cloud = FakeCloud.withLabContent(clock);
    private final InMemoryStatsSampleRepository samples = new InMemoryStatsSampleRepository();
    private final InMemoryLeaseRepository leases = new InMemoryLeaseRepository(clock);
    private final InMemoryAuditLogRepository auditLog = new InMemoryAuditLogRepository();

    private StatsJob job(String replicaId) {
        return StatsJob.create(cloud, () -> TestData.session(TestData.admin()),
                AllowedProjects.fixed(List.of(DEMO, ALT_DEMO)), samples, leases, StatsBuckets.hourly(),
                Duration.ofDays(90),
                auditLog, AuditRetention.DEFAULT_RETENTION, replicaId, clock);
    }

    private List<StatsSample> totalOf(Instant bucket) {
        return samples.find(StatsSample.TOTAL, bucket, bucket.plusSeconds(1));
    }

    @Test
    void a_replica_starting_mid_interval_takes_the_lease_and_collects_the_current_bucket() {
        cloud.putServer(TestData.server("sta-1", DEMO, ServerStatus.ACTIVE, clock.instant()));
        StatsJob job = job("replica-a");

        Duration delay = job.tick();

        assertThat(job.state()).isEqualTo(StatsJob.State.LEADER);
        assertThat(leases.find(StatsJob.LEASE_NAME)).hasValueSatisfying(lease -> assertThat(lease)
                .isEqualTo(new Lease(StatsJob.LEASE_NAME, "replica-a", clock.instant().plusSeconds(90))));
        assertThat(totalOf(BUCKET)).singleElement().satisfies(s -> {
            assertThat(s.running()).isEqualTo(1);
            assertThat(s.source()).isEqualTo(SampleSource.LIVE);
        });
        assertThat(delay).as("to the next 30 s grid point").isEqualTo(Duration.ofSeconds(18));
    }

    @Test
    void the_holder_collects_a_bucket_once_and_backfills_once_per_bucket() {
        StatsJob job = job("replica-a");
        job.tick();
        clock.advance(Duration.ofSeconds(18));
        job.tick();
        clock.advance(Duration.ofSeconds(30));
        job.tick();

        assertThat(cloud.calls("listServers")).isEqualTo(1);
        assertThat(cloud.calls("usage")).as("the first backfill fills the empty history").isEqualTo(1);

        clock.set(BUCKET.plus(Duration.ofHours(1)));
        job.tick();

        assertThat(cloud.calls("listServers")).isEqualTo(2);
        assertThat(cloud.calls("usage")).as("nothing missing any more").isEqualTo(1);
        assertThat(totalOf(BUCKET.plus(Duration.ofHours(1)))).singleElement()
                .extracting(StatsSample::source).isEqualTo(SampleSource.LIVE);
    }

    @Test
    void a_follower_does_not_ask_the_cloud() {
        StatsJob leader = job("replica-a");
        StatsJob follower = job("replica-b");
        leader.tick();
        int listCalls = cloud.calls("listServers");

        clock.advance(Duration.ofSeconds(5));
        follower.tick();

        assertThat(follower.state()).isEqualTo(StatsJob.State.FOLLOWER);
        assertThat(cloud.calls("listServers")).isEqualTo(listCalls);
        assertThat(cloud.calls("usage")).isEqualTo(1);
    }

    @Test
    void a_replica_restarting_mid_interval_skips_the_bucket_another_replica_already_collected() {
        job("replica-a").tick();
        leases.release(StatsJob.LEASE_NAME, "replica-a");
        clock.advance(Duration.ofMinutes(10));

        StatsJob restarted = job("replica-a-restarted");
        restarted.tick();

        assertThat(restarted.state()).isEqualTo(StatsJob.State.LEADER);
        assertThat(cloud.calls("listServers")).isEqualTo(1);
        assertThat(totalOf(BUCKET)).hasSize(1);
    }

    @Test
    void failures_back_off_exponentially_and_the_job_recovers() {
        StatsJob job = job("replica-a");
        Duration[] delays = new Duration[4];
        for (int i = 0; i < delays.length; i++) {
            cloud.failNext(() -> new UpstreamUnavailableException("compute", "nova is down", null, null));
            delays[i] = job.tick();
            assertThat(job.state()).isEqualTo(StatsJob.State.FAILING);
            clock.advance(delays[i]);
        }

        assertThat(delays).containsExactly(Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(120),
                Duration.ofSeconds(240));
        assertThat(totalOf(BUCKET)).isEmpty();

        job.tick();

        assertThat(job.state()).isEqualTo(StatsJob.State.LEADER);
        assertThat(totalOf(BUCKET)).hasSize(1);
        cloud.failNext(() -> new UpstreamUnavailableException("compute", "nova is down", null, null));
        clock.advance(Duration.ofHours(1));
        assertThat(job.tick()).as("the backoff starts over after a recovery").isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void a_failed_backfill_is_retried_after_the_backoff_without_collecting_again() {
        StatsJob job = job("replica-a");
        job.tick();
        Instant later = BUCKET.plus(Duration.ofHours(3));
        clock.set(later.plusSeconds(600));
        // Another replica collected 09:00 already; 07:00 and 08:00 are missing. Nova fails the usage call once.
        samples.insertIfAbsent(List.of(new StatsSample(StatsSample.TOTAL, later, 0, SampleSource.LIVE, later)));
        cloud.failNext(() -> new UpstreamUnavailableException("compute", "nova is down", null, null));

        Duration backoff = job.tick();

        assertThat(job.state()).isEqualTo(StatsJob.State.FAILING);
        clock.advance(backoff);
        job.tick();

        assertThat(job.state()).isEqualTo(StatsJob.State.LEADER);
        assertThat(cloud.calls("listServers")).isEqualTo(1);
        assertThat(cloud.calls("usage")).isEqualTo(3);
        assertThat(samples.find(StatsSample.TOTAL, BUCKET.plus(Duration.ofHours(1)), later))
                .extracting(StatsSample::source).containsExactly(SampleSource.BACKFILL, SampleSource.BACKFILL);
    }

    @Test
    void a_holder_failing_longer_than_the_ttl_loses_the_lease_to_a_healthy_replica() {
        StatsJob first = job("replica-a");
        StatsJob second = job("replica-b");
        cloud.failNext(() -> new UpstreamUnavailableException("compute", "nova is down", null, null));
        first.tick();
        second.tick();
        assertThat(second.state()).isEqualTo(StatsJob.State.FOLLOWER);

        clock.advance(Duration.ofSeconds(90));
        second.tick();
        first.tick();

        assertThat(second.state()).isEqualTo(StatsJob.State.LEADER);
        assertThat(first.state()).isEqualTo(StatsJob.State.FOLLOWER);
        assertThat(totalOf(BUCKET)).hasSize(1);
    }

    @Test
    void stopping_releases_the_lease_so_another_replica_takes_over_at_once() {
        StatsJob leader = job("replica-a");
        StatsJob follower = job("replica-b");
        leader.tick();
        follower.tick();

        leader.stop(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        follower.tick();

        assertThat(leader.state()).isEqualTo(StatsJob.State.STOPPED);
        assertThat(follower.state()).isEqualTo(StatsJob.State.LEADER);
        assertThat(leases.find(StatsJob.LEASE_NAME)).get().extracting(Lease::holder).isEqualTo("replica-b");
    }

    @Test
    void the_lease_holder_deletes_audit_entries_older_than_the_audit_retention_once_per_bucket() {
        Instant cutoff = clock.instant().minus(AuditRetention.DEFAULT_RETENTION);
        AuditEntry expired = AuditLogRepositoryContract.entry(cutoff.minusSeconds(1), "demo", "u", 200);
        AuditEntry kept = AuditLogRepositoryContract.entry(cutoff.plusSeconds(60), "demo", "u", 200);
        auditLog.appendAll(List.of(expired, kept));
        StatsJob leader = job("replica-a");
        StatsJob follower = job("replica-b");

        leader.tick();
        follower.tick();

        assertThat(auditLog.all()).containsExactly(kept);
        // Within the same bucket the purge does not run again; in the next one it does.
        clock.advance(Duration.ofMinutes(5));
        leader.tick();
        assertThat(auditLog.all()).containsExactly(kept);
        clock.set(BUCKET.plus(Duration.ofHours(1)).plusSeconds(61));
        leader.tick();
        assertThat(auditLog.all()).isEmpty();
    }

    @Test
    void a_failing_audit_purge_does_not_hold_up_the_statistics() {
        StatsJob job = StatsJob.create(cloud, () -> TestData.session(TestData.admin()),
                AllowedProjects.fixed(List.of(DEMO, ALT_DEMO)), samples, leases, StatsBuckets.hourly(),
                Duration.ofDays(90), new BrokenAuditLog(), AuditRetention.DEFAULT_RETENTION, "replica-a", clock);

        job.tick();

        assertThat(job.state()).isEqualTo(StatsJob.State.LEADER);
        assertThat(totalOf(BUCKET)).hasSize(1);
    }

    /** An audit log whose deletes fail, as when the database rejects them. */
    private static final class BrokenAuditLog implements AuditLogRepository {
        @Override
        public void appendAll(List<AuditEntry> entries) {
        }

        @Override
        public Page<AuditEntry> find(AuditQuery query) {
            return Page.last(List.of());
        }

        @Override
        public int deleteOlderThan(Instant cutoff, int maxEntries) {
            throw new IllegalStateException("database said no");
        }
    }
}
