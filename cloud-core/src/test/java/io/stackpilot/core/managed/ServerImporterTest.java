package io.stackpilot.core.managed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stackpilot.core.compute.Address;
import io.stackpilot.core.compute.AddressType;
import io.stackpilot.core.compute.Server;
import io.stackpilot.core.compute.ServerStatus;
import io.stackpilot.core.error.ConflictException;
import io.stackpilot.core.error.InvalidRequestException;
import io.stackpilot.core.error.NotFoundException;
import io.stackpilot.core.testing.EngineHarness;
import io.stackpilot.core.testing.TestData;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Importing existing VMs of the caller's project, by id or by name pattern. */
class ServerImporterTest {
    private final EngineHarness engine = new EngineHarness();

    @Test
    void a_server_imported_by_id_is_observed_only_under_its_nova_name_made_a_dns_label() {
        Server vm = put("Legacy_DB 01", TestData.DEMO);

        List<ManagedServer> imported = engine.importer.importServers(engine.demo,
                new ImportRequest(vm.id().value(), null, null, null));

        assertThat(imported).singleElement().satisfies(resource -> {
            assertThat(resource.name()).isEqualTo("legacy-db-01");
            assertThat(resource.managed()).isFalse();
            assertThat(resource.status().serverId()).isEqualTo(vm.id().value());
            assertThat(resource.spec().flavorId()).isEqualTo(vm.flavor().id());
        });
    }

    @Test
    void importing_a_server_that_is_already_imported_is_a_conflict() {
        Server vm = put("legacy", TestData.DEMO);
        engine.importer.importServers(engine.demo, new ImportRequest(vm.id().value(), "first", null, false));

        assertThatThrownBy(() -> engine.importer.importServers(engine.demo,
                new ImportRequest(vm.id().value(), "second", null, true))).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> engine.importer.importServers(engine.demo,
                new ImportRequest(null, null, "leg", false))).isInstanceOf(ConflictException.class);
        assertThat(engine.service.list(engine.demo, 10, null).items()).extracting(ManagedServer::name)
                .containsExactly("first");
    }

    @Test
    void a_name_pattern_imports_every_matching_server_of_the_callers_project_only() {
        put("batch-1", TestData.DEMO);
        put("batch-2", TestData.DEMO);
        put("web", TestData.DEMO);
        put("batch-3", TestData.ALT_DEMO);

        List<ManagedServer> imported = engine.importer.importServers(engine.demo,
                new ImportRequest(null, null, "^batch-", true));

        assertThat(imported).extracting(ManagedServer::name).containsExactlyInAnyOrder("batch-1", "batch-2");
        assertThat(imported).allMatch(ManagedServer::managed);
        assertThat(imported).allSatisfy(resource -> assertThat(resource.spec().networkIds())
                .containsExactly(TestData.PRIVATE_NETWORK_ID));
    }

    @Test
    void another_projects_server_is_not_found_even_when_the_cloud_would_show_it() {
        Server theirs = put("theirs", TestData.ALT_DEMO);

        assertThatThrownBy(() -> engine.importer.importServers(engine.demo,
                new ImportRequest(theirs.id().value(), null, null, false))).isInstanceOf(NotFoundException.class);
    }

    @Test
    void a_bad_pattern_or_both_selectors_are_invalid() {
        assertThatThrownBy(() -> engine.importer.importServers(engine.demo,
                new ImportRequest(null, null, "([", false))).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> engine.importer.importServers(engine.demo,
                new ImportRequest("some-id", null, "x", false))).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> engine.importer.importServers(engine.demo,
                new ImportRequest(null, null, null, false))).isInstanceOf(InvalidRequestException.class);
    }

    /** A VM on the lab's private network, as a managed import needs one to resolve. */
    private Server put(String name, io.stackpilot.core.identity.ProjectRef project) {
        Server vm = TestData.server(name, project, ServerStatus.ACTIVE, engine.clock.instant());
        return engine.cloud.putServer(new Server(vm.id(), vm.name(), vm.status(), List.of(new Address("private",
                "10.0.0.9", 4, AddressType.FIXED, "fa:16:3e:00:00:09")), vm.flavor(), vm.image(), vm.projectId(),
                vm.createdAt(), vm.preemptible(), vm.metadata(), vm.location()));
    }
}
