package io.stackpilot.core.stats;

import static io.stackpilot.core.testing.TestData.ADMIN_PROJECT;
import static io.stackpilot.core.testing.TestData.ALT_DEMO;
import static io.stackpilot.core.testing.TestData.DEMO;
import static io.stackpilot.core.testing.TestData.PARTNER_A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stackpilot.core.compute.ServerStatus;
import io.stackpilot.core.error.UpstreamUnavailableException;
import io.stackpilot.core.identity.DomainRef;
import io.stackpilot.core.identity.ProjectRef;
import io.stackpilot.core.testing.FakeCloud;
import io.stackpilot.core.testing.InMemoryStatsSampleRepository;
import io.stackpilot.core.testing.MutableClock;
import io.stackpilot.core.testing.TestData;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StatsCollectorTest {
    private static final Instant BUCKET = Instant.parse("2026-11-22T06:00:00Z");

    private final MutableClock clock = MutableClock.at("2026-11-22T06:00:03Z");
    private final FakeCloud cloud = FakeCloud.withLabContent(clock);
    private final InMemoryStatsSampleRepository samples = new InMemoryStatsSampleRepository();

    private StatsCollector collector(List<ProjectRef> allowed) {
        return new StatsCollector(cloud, () -> TestData.session(TestData.admin()), AllowedProjects.fixed(allowed),
                samples, StatsBuckets.hourly(), clock);
    }

    private void put(ProjectRef project, ServerStatus status, int count) {
        for (int i = 0; i < count; i++) {
            cloud.putServer(TestData.server("sta-" + project.name() + "-" + i, project, status,
                    clock.instant().minusSeconds(600)));
        }
    }

    private StatsSample sample(String projectId) {
        return samples.find(projectId, BUCKET, BUCKET.plusSeconds(1)).getFirst();
    }

    @Test
    void counts_the_active_servers_of_each_allowed_project_and_their_total() {
        put(DEMO, ServerStatus.ACTIVE, 2);
        put(DEMO, ServerStatus.SHUTOFF, 1);
        put(DEMO, ServerStatus.BUILD, 1);
        put(ALT_DEMO, ServerStatus.ACTIVE, 1);
        put(PARTNER_A, ServerStatus.ACTIVE, 3);

        StatsCollector.CollectionOutcome outcome = collector(List.of(DEMO, ALT_DEMO, ADMIN_PROJECT)).collect(BUCKET);

        assertThat(sample(DEMO.id()).running()).isEqualTo(2);
        assertThat(sample(ALT_DEMO.id()).running()).isEqualTo(1);
        assertThat(sample(ADMIN_PROJECT.id()).running()).as("an allowed project without servers gets 0").isZero();
        assertThat(samples.find(PARTNER_A.id(), BUCKET, BUCKET.plusSeconds(1))).as("not allowed").isEmpty();
        assertThat(sample(StatsSample.TOTAL).running()).isEqualTo(3);
        assertThat(samples.all()).allSatisfy(s -> {
            assertThat(s.source()).isEqualTo(SampleSource.LIVE);
            assertThat(s.bucket()).isEqualTo(BUCKET);
            assertThat(s.collectedAt()).isEqualTo(clock.instant());
        });
        assertThat(outcome).isEqualTo(new StatsCollector.CollectionOutcome(BUCKET, 3, 3, 4));
    }

    @Test
    void with_no_allowed_project_stores_a_zero_total_without_asking_the_cloud() {
        put(DEMO, ServerStatus.ACTIVE, 2);

        collector(List.of()).collect(BUCKET);

        assertThat(samples.all()).singleElement().satisfies(s -> {
            assertThat(s.projectId()).isEqualTo(StatsSample.TOTAL);
            assertThat(s.running()).isZero();
        });
        assertThat(cloud.calls("listServers")).isZero();
    }

    @Test
    void collecting_a_bucket_again_keeps_the_first_samples() {
        put(DEMO, ServerStatus.ACTIVE, 1);
        StatsCollector collector = collector(List.of(DEMO));
        collector.collect(BUCKET);
        put(DEMO, ServerStatus.ACTIVE, 4);
        clock.advance(java.time.Duration.ofMinutes(1));

        StatsCollector.CollectionOutcome again = collector.collect(BUCKET);

        assertThat(again.inserted()).isZero();
        assertThat(sample(DEMO.id()).running()).isEqualTo(1);
        assertThat(samples.all()).hasSize(2);
    }

    @Test
    void a_cloud_failure_stores_nothing() {
        put(DEMO, ServerStatus.ACTIVE, 1);
        cloud.failNext(() -> new UpstreamUnavailableException("compute", "nova is down", null, null));

        assertThatThrownBy(() -> collector(List.of(DEMO)).collect(BUCKET))
                .isInstanceOf(UpstreamUnavailableException.class);
        assertThat(samples.all()).isEmpty();
    }

    @Test
    void rejects_a_bucket_that_is_not_the_start_of_an_interval() {
        assertThatThrownBy(() -> collector(List.of(DEMO)).collect(BUCKET.plusSeconds(3)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(cloud.calls("listServers")).isZero();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 10, 100})
    void asks_the_cloud_once_per_collection_whatever_the_number_of_projects(int projectCount) {
        List<ProjectRef> projects = IntStream.range(0, projectCount)
                .mapToObj(i -> new ProjectRef("p-" + i, "project-" + i, new DomainRef("default", "Default")))
                .toList();
        projects.forEach(p -> put(p, ServerStatus.ACTIVE, 2));
        StatsCollector collector = collector(projects);

        collector.collect(BUCKET);
        collector.collect(BUCKET.plusSeconds(3600));

        assertThat(cloud.calls("listServers")).isEqualTo(2);
        assertThat(samples.find(StatsSample.TOTAL, BUCKET, BUCKET.plusSeconds(7200)))
                .extracting(StatsSample::running).containsExactly(2 * projectCount, 2 * projectCount);
        assertThat(samples.all()).hasSize(2 * (projectCount + 1));
    }

    @Test
    void samples_every_other_location_under_its_own_key_by_nova_project_at_home_and_by_owner_metadata_elsewhere() {
        io.stackpilot.core.common.Location home = TestData.LOCATION;
        io.stackpilot.core.common.Location regionTwo = new io.stackpilot.core.common.Location(home.cloud(), "RegionTwo");
        io.stackpilot.core.common.Location east = new io.stackpilot.core.common.Location("lab-east", "RegionOne");
        io.stackpilot.core.common.Location down = new io.stackpilot.core.common.Location("lab-west", "RegionOne");
        ProjectRef provider = new ProjectRef("provider-east", "provider-east", TestData.DEFAULT_DOMAIN);
        FakeCloud second = FakeCloud.withLabContent(clock);
        FakeCloud eastCloud = FakeCloud.withLabContent(clock);
        put(DEMO, ServerStatus.ACTIVE, 1);
        second.putServer(TestData.server("r2-demo", DEMO, ServerStatus.ACTIVE, clock.instant()));
        second.putServer(TestData.server("r2-alt", ALT_DEMO, ServerStatus.ACTIVE, clock.instant()));
        for (String owner : List.of(DEMO.id(), DEMO.id(), PARTNER_A.id(), "")) {
            io.stackpilot.core.compute.Server plain = TestData.server("east-" + owner, provider, ServerStatus.ACTIVE,
                    clock.instant());
            eastCloud.putServer(new io.stackpilot.core.compute.Server(plain.id(), plain.name(), plain.status(),
                    plain.addresses(), plain.flavor(), plain.image(), plain.projectId(), plain.createdAt(), false,
                    owner.isEmpty() ? java.util.Map.of() : java.util.Map.of(StatsLocations.OWNER_METADATA_KEY, owner),
                    east));
        }
        io.stackpilot.core.compute.ComputeGateway routed = new io.stackpilot.core.testing.ForwardingCompute(cloud) {
            @Override
            public io.stackpilot.core.common.Page<io.stackpilot.core.compute.Server> listServers(
                    io.stackpilot.core.identity.Session session, io.stackpilot.core.compute.ServerQuery query) {
                if (session.location().equals(down)) {
                    throw new UpstreamUnavailableException("compute", "lab-west unreachable", null, null);
                }
                FakeCloud target = session.location().equals(east) ? eastCloud
                        : session.location().equals(regionTwo) ? second : cloud;
                return target.listServers(session, query);
            }
        };
        StatsLocations elsewhere = new StatsLocations(home.cloud(), List.of(regionTwo, east, down), location ->
                location.equals(east)
                        ? new io.stackpilot.core.identity.Session("east-token", TestData.member("east-svc", provider),
                                east)
                        : new io.stackpilot.core.identity.Session("admin-token", TestData.admin(), location));
        StatsCollector collector = new StatsCollector(routed, () -> TestData.session(TestData.admin()),
                AllowedProjects.fixed(List.of(DEMO, ALT_DEMO)), samples, StatsBuckets.hourly(), clock, elsewhere);

        collector.collect(BUCKET);

        assertThat(samples.all()).extracting(s -> s.location() + " " + s.projectId() + "=" + s.running())
                .containsExactlyInAnyOrder(
                        " " + DEMO.id() + "=1", " " + ALT_DEMO.id() + "=0", " *=1",
                        "default/RegionTwo " + DEMO.id() + "=1", "default/RegionTwo " + ALT_DEMO.id() + "=1",
                        "default/RegionTwo *=2",
                        "lab-east/RegionOne " + DEMO.id() + "=2", "lab-east/RegionOne " + ALT_DEMO.id() + "=0",
                        "lab-east/RegionOne *=2");
        assertThat(collector.collect(BUCKET).inserted()).as("a second collection changes nothing").isZero();
    }
}
