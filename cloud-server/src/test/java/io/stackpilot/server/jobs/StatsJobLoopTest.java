package io.stackpilot.server.jobs;

import static io.stackpilot.core.testing.TestData.DEMO;
import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.core.audit.AuditRetention;
import io.stackpilot.core.compute.ServerStatus;
import io.stackpilot.core.stats.AllowedProjects;
import io.stackpilot.core.stats.SampleSource;
import io.stackpilot.core.stats.StatsBuckets;
import io.stackpilot.core.stats.StatsSample;
import io.stackpilot.core.testing.FakeCloud;
import io.stackpilot.core.testing.InMemoryAuditLogRepository;
import io.stackpilot.core.testing.InMemoryLeaseRepository;
import io.stackpilot.core.testing.InMemoryStatsSampleRepository;
import io.stackpilot.core.testing.TestData;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The real scheduling loop on the system clock, with 60 ms buckets so that it finishes quickly. */
class StatsJobLoopTest {

    @Test
    void the_loop_collects_bucket_after_bucket_and_stop_ends_it_and_releases_the_lease() throws Exception {
        Clock clock = Clock.systemUTC();
        FakeCloud cloud = FakeCloud.withLabContent(clock);
        cloud.putServer(TestData.server("sta-loop", DEMO, ServerStatus.ACTIVE, clock.instant()));
        InMemoryStatsSampleRepository samples = new InMemoryStatsSampleRepository();
        InMemoryLeaseRepository leases = new InMemoryLeaseRepository(clock);
        StatsJob job = StatsJob.create(cloud, () -> TestData.session(TestData.admin()),
                AllowedProjects.fixed(List.of(DEMO)), samples, leases, new StatsBuckets(Duration.ofMillis(60)),
                Duration.ofDays(1),
                new InMemoryAuditLogRepository(), AuditRetention.DEFAULT_RETENTION, "loop-replica", clock);

        job.start();
        Instant deadline = Instant.now().plusSeconds(20);
        while (liveTotals(samples) < 3 && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
        job.stop(Duration.ofSeconds(5));
        int callsAtStop = cloud.calls("listServers");
        Thread.sleep(300);

        assertThat(liveTotals(samples)).isGreaterThanOrEqualTo(3);
        assertThat(job.state()).isEqualTo(StatsJob.State.STOPPED);
        assertThat(leases.find(StatsJob.LEASE_NAME)).isEmpty();
        assertThat(cloud.calls("listServers")).as("no tick after stop").isEqualTo(callsAtStop);
    }

    private static long liveTotals(InMemoryStatsSampleRepository samples) {
        return samples.all().stream()
                .filter(s -> s.projectId().equals(StatsSample.TOTAL) && s.source() == SampleSource.LIVE)
                .count();
    }
}
