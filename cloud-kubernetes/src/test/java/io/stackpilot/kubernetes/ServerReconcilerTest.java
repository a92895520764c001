package io.stackpilot.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.core.compute.ServerId;
import io.stackpilot.core.compute.ServerService;
import io.stackpilot.core.compute.ServerStatus;
import io.stackpilot.core.error.NotFoundException;
import io.stackpilot.core.managed.Phase;
import io.stackpilot.core.testing.EngineHarness;
import io.stackpilot.kubernetes.crd.ServerResource;
import io.stackpilot.kubernetes.crd.ServerSpec;
import io.stackpilot.kubernetes.crd.ServerStatus.ConditionStatus;
import java.time.Duration;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

class ServerReconcilerTest {
    private final EngineHarness engine = new EngineHarness();
    private final FakeKubernetesObjects cluster = new FakeKubernetesObjects();
    private final ServerReconciler reconciler = new ServerReconciler(engine.service, engine.importer,
            new ServerService(engine.cloud, engine.cloud, engine.cloud),
            ReconcilerFixtures.cloudSessions(engine, cluster), cluster, io.stackpilot.core.common.Location.DEFAULT);

    @Test
    void a_server_becomes_a_managed_server_and_its_status_follows_the_engine() {
        ServerResource server = server("web-1", spec("m1.tiny", "managed", true, null));

        reconciler.reconcile(server);
        engine.settle();
        reconciler.reconcile(server);

        assertThat(server.getFinalizers()).containsExactly(ServerReconciler.FINALIZER);
        assertThat(server.getStatus().phase()).isEqualTo(Phase.READY.wireName());
        assertThat(server.getStatus().serverID()).isNotNull();
        assertThat(server.getStatus().addresses()).isNotEmpty();
        assertThat(server.getStatus().addressSummary()).contains(server.getStatus().addresses().get(0).ip());
        assertThat(server.getStatus().observedGeneration()).isEqualTo(1L);
        assertThat(ready(server).status()).isEqualTo("True");
        assertThat(engine.cloud.allServers()).hasSize(1);
        assertThat(cluster.events).extracting(FakeKubernetesObjects.RecordedEvent::reason).contains("Declared");
    }

    @Test
    void a_pass_that_changes_nothing_writes_nothing() {
        ServerResource server = server("web-1", spec("m1.tiny", "managed", true, null));
        reconciler.reconcile(server);
        engine.settle();
        reconciler.reconcile(server);
        int writes = cluster.statusWrites;
        int events = cluster.events.size();

        reconciler.reconcile(server);

        assertThat(cluster.statusWrites).isEqualTo(writes);
        assertThat(cluster.events).hasSize(events);
    }

    @Test
    void an_unknown_flavor_is_reported_in_the_ready_condition_and_nothing_is_created() {
        ServerResource server = server("web-1", spec("no-such-flavor", "managed", true, null));

        reconciler.reconcile(server);
        engine.settle();

        assertThat(ready(server).status()).isEqualTo("False");
        assertThat(ready(server).reason()).isEqualTo("InvalidSpec");
        assertThat(ready(server).message()).contains("no-such-flavor");
        assertThat(engine.cloud.allServers()).isEmpty();
        Assertions.assertThatThrownBy(() -> engine.service.get(engine.demo, "web-1"))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void a_vm_deleted_out_of_band_is_recreated_and_a_warning_event_says_why() {
        ServerResource server = server("web-1", spec("m1.tiny", "managed", true, null));
        reconciler.reconcile(server);
        engine.settle();
        reconciler.reconcile(server);
        String first = server.getStatus().serverID();

        engine.cloud.removeServer(new ServerId(first));
        engine.nextInterval();
        engine.settle();
        reconciler.reconcile(server);

        assertThat(server.getStatus().serverID()).isNotEqualTo(first);
        assertThat(cluster.events).anySatisfy(event -> {
            assertThat(event.warning()).isTrue();
            assertThat(event.message()).contains("out of band");
        });
    }

    @Test
    void deleting_a_server_keeps_it_until_its_vm_is_deleted() {
        ServerResource server = server("web-1", spec("m1.tiny", "managed", true, null));
        reconciler.reconcile(server);
        engine.settle();
        reconciler.reconcile(server);

        server.getMetadata().setDeletionTimestamp("2026-12-01T10:05:00Z");
        reconciler.reconcile(server);
        assertThat(server.getFinalizers()).containsExactly(ServerReconciler.FINALIZER);
        assertThat(server.getStatus().phase()).isEqualTo(Phase.DELETING.wireName());

        engine.settle();
        reconciler.reconcile(server);
        assertThat(engine.cloud.allServers()).isEmpty();
        assertThat(server.getFinalizers()).isEmpty();
    }

    @Test
    void an_unmanaged_import_mirrors_the_vm_and_deleting_it_leaves_the_vm() {
        var vm = engine.cloud.putServer(io.stackpilot.core.testing.TestData.server("legacy-db",
                io.stackpilot.core.testing.TestData.DEMO, ServerStatus.ACTIVE, engine.clock.instant()));
        ServerResource server = server("legacy-db", new ServerSpec(new ServerSpec.CloudRef(ReconcilerFixtures.SECRET,
                null), null, null, null, List.of(), null, null, "unmanaged", null,
                new ServerSpec.ImportSpec(null, new ServerSpec.Filter("legacy-db"))));

        reconciler.reconcile(server);
        engine.settle();
        reconciler.reconcile(server);
        assertThat(server.getStatus().serverID()).isEqualTo(vm.id().value());
        assertThat(server.getStatus().phase()).isEqualTo(Phase.READY.wireName());
        assertThat(ready(server).status()).as("kubectl wait --for=condition=Ready works for a mirror too")
                .isEqualTo("True");

        server.getMetadata().setDeletionTimestamp("2026-12-01T10:05:00Z");
        reconciler.reconcile(server);
        engine.settle();

        assertThat(server.getFinalizers()).isEmpty();
        assertThat(engine.cloud.allServers()).extracting(s -> s.id().value()).containsExactly(vm.id().value());
    }

    @Test
    void a_missing_secret_is_reported_and_nothing_is_declared() {
        ServerResource server = server("web-1", new ServerSpec(new ServerSpec.CloudRef("nope", null), null, "m1.tiny",
                "cirros-0.6-lab", List.of("private"), null, null, null, null, null));

        reconciler.reconcile(server);

        assertThat(ready(server).reason()).isEqualTo("SecretNotFound");
        assertThat(server.getStatus().phase()).isEqualTo("Failed");
    }

    @Test
    void reconcile_false_is_said_in_a_condition() {
        ServerResource server = server("web-1", spec("m1.tiny", "managed", false, null));
        reconciler.reconcile(server);
        engine.settle();
        reconciler.reconcile(server);

        assertThat(server.getStatus().conditions()).anySatisfy(condition -> {
            assertThat(condition.type()).isEqualTo("Reconcile");
            assertThat(condition.reason()).isEqualTo("ReconcileDisabled");
        });
    }

    @Test
    void a_name_that_another_owner_declared_in_the_project_is_not_taken_over() {
        engine.service.apply(engine.demo, "web-1", EngineHarness.request("m1.tiny"));
        engine.clock.advance(Duration.ofMinutes(1));
        ServerResource server = server("web-1", spec("m1.small", "managed", true, null));

        reconciler.reconcile(server);

        assertThat(ready(server).reason()).isEqualTo("NameTaken");
        assertThat(engine.service.get(engine.demo, "web-1").spec().flavor()).isEqualTo("m1.tiny");
    }

    private ServerResource server(String name, ServerSpec spec) {
        ServerResource server = new ServerResource();
        server.setMetadata(ReconcilerFixtures.metadata(name, ReconcilerFixtures.NAMESPACE, engine.clock.instant()));
        server.setSpec(spec);
        return server;
    }

    private static ServerSpec spec(String flavor, String policy, boolean reconcile, ServerSpec.ImportSpec from) {
        return new ServerSpec(new ServerSpec.CloudRef(ReconcilerFixtures.SECRET, "openstack"), null, flavor,
                "cirros-0.6-lab", List.of("private"), false, reconcile, policy, null, from);
    }

    private static ConditionStatus ready(ServerResource server) {
        return ReconcilerFixtures.ready(server.getStatus().conditions());
    }
}
