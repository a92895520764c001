package io.stackpilot.core.managed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stackpilot.core.compute.Address;
import io.stackpilot.core.compute.BootRequest;
import io.stackpilot.core.compute.Server;
import io.stackpilot.core.compute.ServerStatus;
import io.stackpilot.core.testing.EngineHarness;
import io.stackpilot.core.error.InvalidRequestException;
import io.stackpilot.core.testing.TestData;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The engine's convergence on the in-memory fakes: one replica, the clock moved by hand. */
class ReconcilerTest {
    private final EngineHarness engine = new EngineHarness();

    @Test
    void a_declared_server_becomes_ready_with_the_addresses_of_the_one_vm_that_carries_its_marker() {
        ManagedServer declared = engine.service.apply(engine.demo, "web", EngineHarness.request("m1.tiny")).server();

        engine.settle();

        ManagedServer web = engine.get("web");
        List<Server> vms = markedWith(declared);
        assertThat(vms).hasSize(1);
        assertThat(web.status().phase()).isEqualTo(Phase.READY);
        assertThat(web.status().serverId()).isEqualTo(vms.getFirst().id().value());
        assertThat(web.status().serverStatus()).isEqualTo(ServerStatus.ACTIVE);
        assertThat(web.status().addresses()).isNotEmpty().isEqualTo(vms.getFirst().addresses());
        assertThat(web.status().observedGeneration()).isEqualTo(1);
        assertThat(vms.getFirst().metadata()).containsEntry(SpecFingerprint.METADATA_KEY,
                SpecFingerprint.of(web.spec()));
        assertThat(engine.audit).extracting(EngineAction::action).containsExactly("boot");
    }

    @Test
    void a_vm_deleted_out_of_band_is_recreated_within_one_interval_and_the_events_say_why() {
        engine.service.apply(engine.demo, "web", EngineHarness.request("m1.tiny"));
        engine.settle();
        String first = engine.get("web").status().serverId();

        engine.cloud.removeServer(new io.stackpilot.core.compute.ServerId(first));
        engine.nextInterval();
        engine.step();

        ManagedServer web = engine.get("web");
        assertThat(web.status().phase()).isEqualTo(Phase.READY);
        assertThat(web.status().serverId()).isNotEqualTo(first);
        assertThat(markedWith(web)).hasSize(1);
        assertThat(engine.events("web")).anySatisfy(event -> {
            assertThat(event.reason()).isEqualTo("EnqueuedCreate");
            assertThat(event.message()).contains(first, "deleted out of band");
        });
    }

    @Test
    void a_vm_in_error_is_deleted_and_replaced() {
        engine.service.apply(engine.demo, "web", EngineHarness.request("m1.tiny"));
        engine.settle();
        String broken = engine.get("web").status().serverId();

        engine.cloud.setStatus(new io.stackpilot.core.compute.ServerId(broken), ServerStatus.ERROR);
        engine.nextInterval();
        engine.step();

        ManagedServer web = engine.get("web");
        assertThat(markedWith(web)).singleElement().satisfies(vm -> {
            assertThat(vm.id().value()).isNotEqualTo(broken);
            assertThat(vm.status()).isEqualTo(ServerStatus.ACTIVE);
        });
        assertThat(web.status().phase()).isEqualTo(Phase.READY);
        assertThat(engine.eventReasons("web")).contains("EnqueuedReplace", "Deleted", "Replaced");
    }

    @Test
    void a_flavor_change_with_the_manual_policy_leaves_the_vm_alone_and_reports_drifted() {
        engine.service.apply(engine.demo, "web", EngineHarness.request("m1.tiny"));
        engine.settle();
        String vm = engine.get("web").status().serverId();

        ManagedServer changed = engine.service.apply(engine.demo, "web", EngineHarness.request("m1.small")).server();
        engine.step();

        ManagedServer web = engine.get("web");
        assertThat(changed.generation()).isEqualTo(2);
        assertThat(web.status().phase()).isEqualTo(Phase.DRIFTED);
        assertThat(web.status().observedGeneration()).isEqualTo(1);
        assertThat(web.status().conditions()).anyMatch(c -> c.type().equals("Drifted") && c.status());
        assertThat(engine.cloud.allServers()).singleElement().satisfies(s -> {
            assertThat(s.id().value()).isEqualTo(vm);
            assertThat(s.flavor().id()).isEqualTo("1");
        });
    }

    @Test
    void a_flavor_change_with_the_replace_policy_replaces_the_vm() {
        engine.service.apply(engine.demo, "web", EngineHarness.request("m1.tiny"));
        engine.settle();
        String old = engine.get("web").status().serverId();

        engine.service.apply(engine.demo, "web", new ApplyRequest("m1.small", "cirros-0.6-lab", List.of("private"),
                false, null, null, "replace", null));
        engine.step();

        ManagedServer web = engine.get("web");
        assertThat(engine.cloud.allServers()).singleElement().satisfies(s -> {
            assertThat(s.id().value()).isNotEqualTo(old);
            assertThat(s.flavor().id()).isEqualTo("2");
        });
        assertThat(web.status().phase()).isEqualTo(Phase.READY);
        assertThat(web.status().observedGeneration()).isEqualTo(2);
    }

    @Test
    void an_observed_server_follows_its_vm_and_is_gone_not_recreated_when_the_vm_disappears() {
        Server legacy = engine.cloud.putServer(TestData.server("legacy", TestData.DEMO, ServerStatus.ACTIVE,
                engine.clock.instant()));
        engine.importer.importServers(engine.demo, new ImportRequest(legacy.id().value(), null, null, false));
        engine.settle();
        assertThat(engine.get("legacy").status().phase()).isEqualTo(Phase.READY);

        engine.cloud.removeServer(legacy.id());
        engine.nextInterval();
        engine.settle();

        assertThat(engine.get("legacy").status().phase()).isEqualTo(Phase.GONE);
        assertThat(engine.cloud.calls("boot")).isZero();
        assertThat(engine.cloud.allServers()).isEmpty();
        assertThat(engine.eventReasons("legacy")).contains("Gone");
    }

    @Test
    void a_server_imported_as_managed_is_recreated_on_its_network_after_an_out_of_band_delete() {
        Server legacy = engine.cloud.boot(engine.demo, new BootRequest("legacy", "1", TestData.CIRROS_IMAGE_ID,
                List.of(TestData.PRIVATE_NETWORK_ID), false, null, null, Map.of()));
        engine.importer.importServers(engine.demo, new ImportRequest(legacy.id().value(), null, null, true));
        assertThat(engine.get("legacy").spec().networkIds()).containsExactly(TestData.PRIVATE_NETWORK_ID);
        engine.settle();

        engine.cloud.removeServer(legacy.id());
        engine.nextInterval();
        engine.settle();

        assertThat(engine.get("legacy").status().phase()).isEqualTo(Phase.READY);
        assertThat(engine.cloud.allServers()).singleElement().satisfies(recreated -> {
            assertThat(recreated.id()).isNotEqualTo(legacy.id());
            assertThat(recreated.addresses()).extracting(Address::network).containsExactly("private");
        });
    }

    @Test
    void a_managed_import_of_a_server_whose_network_cannot_be_resolved_is_refused_and_imports_nothing() {
        Server detached = engine.cloud.putServer(TestData.server("detached", TestData.DEMO, ServerStatus.ACTIVE,
                engine.clock.instant()));

        assertThatThrownBy(() -> engine.importer.importServers(engine.demo,
                new ImportRequest(detached.id().value(), null, null, true)))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("could not be recreated");
        assertThat(engine.resources.findByServerId(TestData.DEMO.id(), detached.id().value())).isEmpty();
        engine.importer.importServers(engine.demo, new ImportRequest(detached.id().value(), null, null, false));
        assertThat(engine.get("detached").spec().networkIds()).isEmpty();
    }

    @Test
    void an_observed_server_taken_over_by_a_put_with_managed_true_is_recreated_after_an_out_of_band_delete() {
        Server legacy = engine.cloud.putServer(TestData.server("legacy", TestData.DEMO, ServerStatus.ACTIVE,
                engine.clock.instant()));
        engine.importer.importServers(engine.demo, new ImportRequest(legacy.id().value(), null, null, false));
        engine.service.apply(engine.demo, "legacy", new ApplyRequest("m1.tiny", "cirros-0.6-lab",
                List.of("private"), false, true, null, null, null));
        engine.settle();
        assertThat(engine.get("legacy").status().serverId()).as("the VM is adopted, not duplicated")
                .isEqualTo(legacy.id().value());

        engine.cloud.removeServer(legacy.id());
        engine.nextInterval();
        engine.step();

        assertThat(markedWith(engine.get("legacy"))).hasSize(1);
        assertThat(engine.get("legacy").status().phase()).isEqualTo(Phase.READY);
    }

    @Test
    void observing_costs_one_server_list_per_owner_project_per_pass() {
        for (int i = 0; i < 5; i++) {
            engine.service.apply(engine.demo, "demo-" + i, EngineHarness.request("m1.tiny"));
            engine.service.apply(engine.altDemo, "alt-" + i, EngineHarness.request("m1.tiny"));
        }
        engine.settle();
        engine.nextInterval();
        int before = engine.cloud.calls("listServers");

        ReconcilePass pass = engine.reconciler().reconcileDue();

        assertThat(pass.claimed()).isEqualTo(10);
        assertThat(pass.listCalls()).isEqualTo(2);
        assertThat(engine.cloud.calls("listServers") - before).isEqualTo(2);
        assertThat(engine.cloud.calls("findServer")).isZero();
    }

    private List<Server> markedWith(ManagedServer resource) {
        return engine.cloud.allServers().stream()
                .filter(s -> resource.marker().equals(s.metadata().get(ManagedServer.MARKER_METADATA_KEY))).toList();
    }
}
