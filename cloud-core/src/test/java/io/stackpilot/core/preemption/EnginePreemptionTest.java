package io.stackpilot.core.preemption;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.core.catalog.CatalogService;
import io.stackpilot.core.compute.BootRequest;
import io.stackpilot.core.compute.Server;
import io.stackpilot.core.compute.ServerService;
import io.stackpilot.core.compute.ServerStatus;
import io.stackpilot.core.identity.Session;
import io.stackpilot.core.managed.ApplyRequest;
import io.stackpilot.core.managed.ManagedServer;
import io.stackpilot.core.managed.OperationExecutor;
import io.stackpilot.core.stats.AllowedProjects;
import io.stackpilot.core.testing.EngineHarness;
import io.stackpilot.core.testing.InMemoryPreemptionLock;
import io.stackpilot.core.testing.InMemoryPreemptionRepository;
import io.stackpilot.core.testing.TestData;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine's creates of standard managed servers make room through the same policy as the API's (issue 16). */
class EnginePreemptionTest {
    private final EngineHarness engine = new EngineHarness();
    private final InMemoryPreemptionRepository evictions = new InMemoryPreemptionRepository();
    private final PreemptionSettings settings = new PreemptionSettings("replica-a", Duration.ofSeconds(5),
            Duration.ofSeconds(5), Duration.ofMillis(5));
    private final PreemptionService preemption = new PreemptionService(new ServerService(engine.cloud, engine.cloud,
            engine.cloud), engine.cloud, new CatalogService(engine.cloud, engine.cloud, engine.cloud),
            new Evictor(engine.cloud, engine.sessions, engine.operations, evictions, eviction -> { }, settings,
                    engine.clock), new CapacityCandidates(engine.cloud, engine.sessions,
            AllowedProjects.fixed(List.of(TestData.DEMO, TestData.ALT_DEMO))), new InMemoryPreemptionLock(),
            settings);
    private final OperationExecutor executor = engine.executor("replica-a", preemption.forEngine());

    private Server preemptible(Session session, String name, String flavorId) {
        engine.clock.advance(Duration.ofMinutes(1));
        return preemption.launch(session, new BootRequest(name, flavorId, TestData.CIRROS_IMAGE_ID,
                List.of(TestData.PRIVATE_NETWORK_ID), true, null, null, null));
    }

    /** Reconcile and run operations, one interval apart, until nothing is left to do (at most 10 passes). */
    private void settle() {
        for (int i = 0; i < 10; i++) {
            int enqueued = engine.reconciler().reconcileDue().enqueued();
            int ran = executor.runDue(100);
            engine.reconciler().reconcileDue();
            if (enqueued == 0 && ran == 0) {
                return;
            }
            engine.clock.advance(EngineHarness.INTERVAL);
        }
    }

    private List<String> names() {
        return engine.cloud.allServers().stream().map(Server::name).sorted().toList();
    }

    @Test
    void a_standard_managed_server_over_quota_evicts_the_younger_preemptible_server_of_its_project() {
        engine.cloud.setInstanceQuota(TestData.DEMO.id(), 2);
        preemptible(engine.demo, "old-spot", "1");
        Server young = preemptible(engine.demo, "young-spot", "1");

        engine.service.apply(engine.demo, "web", EngineHarness.request("m1.tiny"));
        settle();

        ManagedServer web = engine.get("web");
        assertThat(names()).containsExactly("old-spot", "web");
        assertThat(web.status().serverStatus()).isEqualTo(ServerStatus.ACTIVE);
        assertThat(evictions.all()).singleElement().satisfies(eviction -> {
            assertThat(eviction.victimServerId()).isEqualTo(young.id().value());
            assertThat(eviction.preemptedBy()).isEqualTo(web.status().serverId());
            assertThat(eviction.reason()).isEqualTo(PreemptionReason.QUOTA);
        });
    }

    @Test
    void a_standard_managed_server_that_found_no_host_is_booted_again_after_the_best_fitting_eviction() {
        engine.cloud.setHostVcpus(4);
        preemptible(engine.altDemo, "alt-spot-small", "1");
        preemptible(engine.demo, "demo-spot-medium", "3");
        preemptible(engine.altDemo, "alt-spot-small-2", "1");

        engine.service.apply(engine.demo, "web", EngineHarness.request("m1.medium"));
        settle();

        ManagedServer web = engine.get("web");
        // the first VM went to ERROR (no host) and was deleted; the one booted after the eviction is ACTIVE
        assertThat(names()).containsExactly("alt-spot-small", "alt-spot-small-2", "web");
        assertThat(web.status().serverStatus()).isEqualTo(ServerStatus.ACTIVE);
        assertThat(evictions.all()).singleElement().satisfies(eviction -> {
            assertThat(eviction.victimName()).isEqualTo("demo-spot-medium");
            assertThat(eviction.preemptedBy()).isEqualTo(web.status().serverId());
            assertThat(eviction.reason()).isEqualTo(PreemptionReason.CAPACITY);
        });
        assertThat(engine.eventReasons("web")).contains("Replaced");
    }

    @Test
    void a_preemptible_managed_server_never_evicts_anything() {
        engine.cloud.setInstanceQuota(TestData.DEMO.id(), 1);
        preemptible(engine.demo, "spot", "1");

        engine.service.apply(engine.demo, "web", new ApplyRequest("m1.tiny", "cirros-0.6-lab", List.of("private"),
                true, null, null, null, null));
        settle();

        assertThat(names()).containsExactly("spot");
        assertThat(evictions.all()).isEmpty();
    }
}
