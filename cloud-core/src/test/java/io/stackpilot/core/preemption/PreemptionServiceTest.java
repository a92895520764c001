package io.stackpilot.core.preemption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stackpilot.core.catalog.CatalogService;
import io.stackpilot.core.compute.BootRequest;
import io.stackpilot.core.compute.Server;
import io.stackpilot.core.compute.ServerService;
import io.stackpilot.core.compute.ServerStatus;
import io.stackpilot.core.error.InsufficientCapacityException;
import io.stackpilot.core.error.QuotaExceededException;
import io.stackpilot.core.identity.Session;
import io.stackpilot.core.operation.OperationKind;
import io.stackpilot.core.operation.OperationQuery;
import io.stackpilot.core.stats.AllowedProjects;
import io.stackpilot.core.testing.FakeCloud;
import io.stackpilot.core.testing.FakeProjectSessions;
import io.stackpilot.core.testing.InMemoryCatalogCache;
import io.stackpilot.core.testing.InMemoryOperationRepository;
import io.stackpilot.core.testing.InMemoryPreemptionLock;
import io.stackpilot.core.testing.InMemoryPreemptionRepository;
import io.stackpilot.core.testing.MutableClock;
import io.stackpilot.core.testing.TestData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class PreemptionServiceTest {
    private final MutableClock clock = MutableClock.at("2026-12-01T10:00:00Z");
    private final FakeCloud cloud = FakeCloud.withLabContent(clock);
    private final InMemoryOperationRepository operations = new InMemoryOperationRepository();
    private final InMemoryPreemptionRepository evictions = new InMemoryPreemptionRepository();
    private final List<Eviction> heard = new CopyOnWriteArrayList<>();
    private final PreemptionSettings settings = new PreemptionSettings("replica-a", Duration.ofSeconds(5),
            Duration.ofSeconds(5), Duration.ofMillis(5));
    private final ServerService servers = new ServerService(cloud, cloud, cloud);
    private final PreemptionService service = new PreemptionService(servers, cloud,
            new CatalogService(cloud, cloud, cloud),
            new Evictor(cloud, new FakeProjectSessions(), operations, evictions, heard::add, settings, clock),
            new CapacityCandidates(cloud, new FakeProjectSessions(), AllowedProjects.fixed(List.of(TestData.DEMO,
                    TestData.ALT_DEMO, TestData.ADMIN_PROJECT))), new InMemoryPreemptionLock(), settings);
    private final Session demo = TestData.session(TestData.demo());
    private final Session altDemo = TestData.session(TestData.altDemo());

    private Server launch(Session session, String name, String flavorId, boolean preemptible) {
        clock.advance(Duration.ofMinutes(1));
        return service.launch(session, new BootRequest(name, flavorId, TestData.CIRROS_IMAGE_ID,
                List.of(TestData.PRIVATE_NETWORK_ID), preemptible, null, null, null));
    }

    private List<String> names() {
        return cloud.allServers().stream().map(Server::name).sorted().toList();
    }

    @Test
    void standard_creates_over_a_cached_catalog_list_flavors_once_per_project() {
        CatalogService cached = new CatalogService(cloud, cloud, cloud, new InMemoryCatalogCache());
        PreemptionService service = new PreemptionService(new ServerService(cloud, cloud, cloud, cached), cloud,
                cached, new Evictor(cloud, new FakeProjectSessions(), operations, evictions, heard::add, settings,
                        clock), new CapacityCandidates(cloud, new FakeProjectSessions(), AllowedProjects.fixed(
                                List.of(TestData.DEMO))), new InMemoryPreemptionLock(), settings);

        for (int i = 0; i < 3; i++) {
            service.launch(demo, new BootRequest("standard-" + i, "1", TestData.CIRROS_IMAGE_ID,
                    List.of(TestData.PRIVATE_NETWORK_ID), false, null, null, null));
        }
        service.launch(altDemo, new BootRequest("alt-standard", "1", TestData.CIRROS_IMAGE_ID,
                List.of(TestData.PRIVATE_NETWORK_ID), false, null, null, null));

        assertThat(cloud.calls("listFlavors")).as("once for demo, once for alt-demo").isEqualTo(2);
        assertThat(names()).containsExactly("alt-standard", "standard-0", "standard-1", "standard-2");
    }

    @Test
    void a_standard_create_over_quota_evicts_the_younger_preemptible_server_and_records_why() {
        cloud.setInstanceQuota(TestData.DEMO.id(), 2);
        launch(demo, "old-spot", "1", true);
        Server young = launch(demo, "young-spot", "1", true);

        Server standard = launch(demo, "standard", "1", false);

        assertThat(names()).containsExactly("old-spot", "standard");
        assertThat(evictions.all()).singleElement().satisfies(eviction -> {
            assertThat(eviction.victimServerId()).isEqualTo(young.id().value());
            assertThat(eviction.preemptedBy()).isEqualTo(standard.id().value());
            assertThat(eviction.reason()).isEqualTo(PreemptionReason.QUOTA);
            assertThat(eviction.projectId()).isEqualTo(TestData.DEMO.id());
        });
        assertThat(heard).hasSize(1);
        assertThat(operations.list(new OperationQuery(TestData.DEMO.id(), null, null, 10))).singleElement()
                .satisfies(operation -> assertThat(operation.kind()).isEqualTo(OperationKind.PREEMPT));
    }

    @Test
    void without_enough_preemptible_servers_nothing_is_evicted_and_the_quota_problem_says_what_was_computed() {
        cloud.setInstanceQuota(TestData.DEMO.id(), 2);
        launch(altDemo, "alt-spot", "1", true);
        launch(demo, "standard-1", "1", false);
        launch(demo, "standard-2", "1", false);

        assertThatThrownBy(() -> launch(demo, "standard-3", "1", false)).isInstanceOf(QuotaExceededException.class)
                .hasMessageContaining("lacks 1 instance(s)").hasMessageContaining("nothing was evicted");
        // Another project's preemptible server is no candidate for this project's quota; a standard one never is.
        assertThat(names()).containsExactly("alt-spot", "standard-1", "standard-2");
        assertThat(evictions.all()).isEmpty();
    }

    @Test
    void a_preemptible_create_never_preempts() {
        cloud.setInstanceQuota(TestData.DEMO.id(), 1);
        launch(demo, "spot", "1", true);

        assertThatThrownBy(() -> launch(demo, "spot-2", "1", true)).isInstanceOf(QuotaExceededException.class);
        assertThat(names()).containsExactly("spot");
        assertThat(evictions.all()).isEmpty();
    }

    @Test
    void no_host_room_evicts_the_best_fitting_preemptible_server_of_another_project_and_retries() {
        cloud.setHostVcpus(4);
        launch(altDemo, "alt-spot-small", "1", true);
        launch(demo, "demo-spot-medium", "3", true);
        launch(altDemo, "alt-spot-small-2", "1", true);

        Server standard = launch(demo, "standard-medium", "3", false);

        assertThat(standard.status()).isEqualTo(ServerStatus.ACTIVE);
        assertThat(names()).containsExactly("alt-spot-small", "alt-spot-small-2", "standard-medium");
        assertThat(evictions.all()).singleElement().satisfies(eviction -> {
            assertThat(eviction.reason()).isEqualTo(PreemptionReason.CAPACITY);
            assertThat(eviction.victimName()).isEqualTo("demo-spot-medium");
        });
    }

    @Test
    void no_host_room_and_too_few_victims_evicts_nothing_and_removes_the_error_server() {
        cloud.setHostVcpus(4);
        launch(altDemo, "alt-spot", "1", true);
        launch(demo, "standard-large-1", "3", false);
        launch(demo, "standard-small", "1", false);

        assertThatThrownBy(() -> launch(demo, "standard-medium", "3", false))
                .isInstanceOf(InsufficientCapacityException.class).hasMessageContaining("nothing was evicted");
        assertThat(names()).containsExactly("alt-spot", "standard-large-1", "standard-small");
    }

    @Test
    void two_concurrent_standard_creates_evict_exactly_two_and_never_the_same_victim() throws Exception {
        cloud.setInstanceQuota(TestData.DEMO.id(), 2);
        launch(demo, "spot-1", "1", true);
        launch(demo, "spot-2", "1", true);

        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<Server>> creates = new ArrayList<>();
        for (String name : List.of("standard-a", "standard-b")) {
            creates.add(pool.submit(() -> service.launch(demo, new BootRequest(name, "1", TestData.CIRROS_IMAGE_ID,
                    List.of(TestData.PRIVATE_NETWORK_ID), false, null, null, null))));
        }
        for (Future<Server> create : creates) {
            create.get();
        }
        pool.shutdown();

        assertThat(names()).containsExactly("standard-a", "standard-b");
        assertThat(evictions.all()).extracting(Eviction::victimName).containsExactlyInAnyOrder("spot-1", "spot-2");
    }
}
