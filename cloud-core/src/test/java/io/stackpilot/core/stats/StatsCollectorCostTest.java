package io.stackpilot.core.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.core.compute.ServerStatus;
import io.stackpilot.core.identity.ProjectRef;
import io.stackpilot.core.testing.FakeCloud;
import io.stackpilot.core.testing.InMemoryStatsSampleRepository;
import io.stackpilot.core.testing.MutableClock;
import io.stackpilot.core.testing.TestData;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The cost of one collection with 1,000 servers spread over 1, 10 and 100 allowed projects on the fake cloud. The
 * cloud calls are asserted (they are the design); the times are only printed (the fake answers in-process, so they
 * measure our counting and storing, not the cloud).
 */
class StatsCollectorCostTest {
    private static final int SERVERS = 1_000;
    private static final int RUNS = 30;

    @ParameterizedTest
    @ValueSource(ints = {1, 10, 100})
    void one_collection_costs_one_server_list_and_one_project_list(int projectCount) {
        MutableClock clock = MutableClock.at("2026-11-22T00:00:00Z");
        FakeCloud cloud = new FakeCloud(clock);
        cloud.addUser("admin", "admin", TestData.admin());
        for (int p = 0; p < projectCount; p++) {
            ProjectRef project = new ProjectRef("p-" + p, "sta-project-" + p, TestData.DEFAULT_DOMAIN);
            cloud.addUser("user-" + p, "demo", TestData.member("user-" + p, project));
        }
        for (int s = 0; s < SERVERS; s++) {
            ProjectRef project = new ProjectRef("p-" + (s % projectCount), "x", TestData.DEFAULT_DOMAIN);
            cloud.putServer(TestData.server("sta-" + s, project, s % 10 == 0 ? ServerStatus.SHUTOFF
                    : ServerStatus.ACTIVE, clock.instant()));
        }
        InMemoryStatsSampleRepository samples = new InMemoryStatsSampleRepository();
        StatsCollector collector = new StatsCollector(cloud, () -> TestData.session(TestData.admin()),
                AllowedProjects.of(cloud, project -> project.id().startsWith("p-")), samples,
                StatsBuckets.hourly(), clock);

        long[] nanos = new long[RUNS];
        for (int run = 0; run < RUNS; run++) {
            Instant bucket = Instant.parse("2026-11-22T00:00:00Z").plus(Duration.ofHours(run));
            long start = System.nanoTime();
            collector.collect(bucket);
            nanos[run] = System.nanoTime() - start;
        }

        assertThat(cloud.calls("listServers")).isEqualTo(RUNS);
        assertThat(cloud.calls("listProjects")).isEqualTo(RUNS);
        assertThat(samples.find(StatsSample.TOTAL, Instant.EPOCH, Instant.MAX.minusSeconds(1)))
                .extracting(StatsSample::running).containsOnly(SERVERS - SERVERS / 10);
        Arrays.sort(nanos);
        System.out.printf("stats collection, %d projects, %d servers: per collection %d server list + %d project "
                        + "list calls; median %.2f ms, max %.2f ms over %d runs (fake cloud, in-memory repository)%n",
                projectCount, SERVERS, cloud.calls("listServers") / RUNS, cloud.calls("listProjects") / RUNS,
                nanos[RUNS / 2] / 1e6, nanos[RUNS - 1] / 1e6, RUNS);
    }
}
