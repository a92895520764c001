package io.stackpilot.core.managed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stackpilot.core.error.ConflictException;
import io.stackpilot.core.error.FieldProblem;
import io.stackpilot.core.error.InvalidRequestException;
import io.stackpilot.core.error.NotFoundException;
import io.stackpilot.core.testing.EngineHarness;
import io.stackpilot.core.testing.TestData;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Declaring, reading and deleting managed servers, project-scoped, on the in-memory fakes. */
class ManagedServerServiceTest {
    private final EngineHarness engine = new EngineHarness();

    @Test
    void apply_resolves_names_to_ids_creates_generation_one_and_keeps_what_the_caller_wrote() {
        ApplyResult result = engine.service.apply(engine.demo, "web", new ApplyRequest("m1.small",
                TestData.CIRROS_IMAGE_ID, List.of("private", TestData.PUBLIC_NETWORK_ID), true, null, null, null, null));

        assertThat(result.outcome()).isEqualTo(ApplyResult.Outcome.CREATED);
        ManagedServer web = result.server();
        assertThat(web.generation()).isEqualTo(1);
        assertThat(web.projectId()).isEqualTo(TestData.DEMO.id());
        assertThat(web.managed()).isTrue();
        assertThat(web.reconcile()).isTrue();
        assertThat(web.spec().flavorId()).isEqualTo("2");
        assertThat(web.spec().flavor()).isEqualTo("m1.small");
        assertThat(web.spec().networkIds()).containsExactly(TestData.PRIVATE_NETWORK_ID, TestData.PUBLIC_NETWORK_ID);
        assertThat(web.spec().networks()).containsExactly("private", TestData.PUBLIC_NETWORK_ID);
        assertThat(web.spec().preemptible()).isTrue();
        assertThat(web.spec().updatePolicy()).isEqualTo(UpdatePolicy.MANUAL);
        assertThat(web.status().phase()).isEqualTo(Phase.PENDING);
    }

    @Test
    void the_generation_grows_only_when_the_spec_changes() {
        engine.service.apply(engine.demo, "web", EngineHarness.request("m1.tiny"));

        ApplyResult same = engine.service.apply(engine.demo, "web", EngineHarness.request("1"));
        ApplyResult again = engine.service.apply(engine.demo, "web", EngineHarness.request("1"));
        ApplyResult flags = engine.service.apply(engine.demo, "web", new ApplyRequest("1", "cirros-0.6-lab",
                List.of("private"), false, null, false, null, null));
        ApplyResult changed = engine.service.apply(engine.demo, "web", EngineHarness.request("m1.small"));

        assertThat(same.outcome()).as("the same flavor by id").isEqualTo(ApplyResult.Outcome.UPDATED);
        assertThat(same.server().generation()).as("what the caller wrote is part of the spec").isEqualTo(2);
        assertThat(again.outcome()).isEqualTo(ApplyResult.Outcome.UNCHANGED);
        assertThat(again.server().generation()).isEqualTo(2);
        assertThat(flags.outcome()).isEqualTo(ApplyResult.Outcome.UPDATED);
        assertThat(flags.server().generation()).as("flags are not the spec").isEqualTo(2);
        assertThat(flags.server().reconcile()).isFalse();
        assertThat(changed.server().generation()).isEqualTo(3);
        assertThat(changed.server().reconcile()).as("an absent flag takes its default").isTrue();
    }

    @Test
    void unknown_flavor_image_and_networks_are_all_reported_and_nothing_is_stored() {
        assertThatThrownBy(() -> engine.service.apply(engine.demo, "web", new ApplyRequest("m9.huge", "windows",
                List.of("private", "nowhere", "elsewhere"), false, null, null, "sometimes", null)))
                .isInstanceOfSatisfying(InvalidRequestException.class, invalid -> assertThat(invalid.problems())
                        .extracting(FieldProblem::field)
                        .containsExactlyInAnyOrder("update_policy", "flavor", "image", "networks", "networks"));

        assertThat(engine.service.list(engine.demo, 10, null).items()).isEmpty();
        assertThat(engine.operations.list(new io.stackpilot.core.operation.OperationQuery(TestData.DEMO.id(), null,
                null, 10))).isEmpty();
    }

    @Test
    void a_name_that_is_not_a_dns_label_is_invalid() {
        for (String bad : List.of("Web", "-web", "web-", "web_1", "a".repeat(64), "")) {
            assertThatThrownBy(() -> engine.service.apply(engine.demo, bad, EngineHarness.request("m1.tiny")))
                    .as(bad).isInstanceOfSatisfying(InvalidRequestException.class, invalid ->
                            assertThat(invalid.problems()).extracting(FieldProblem::field).containsExactly("name"));
        }
        assertThat(engine.service.apply(engine.demo, "a".repeat(63), EngineHarness.request("m1.tiny")).outcome())
                .isEqualTo(ApplyResult.Outcome.CREATED);
    }

    @Test
    void another_projects_resource_of_the_same_name_is_a_different_resource() {
        ManagedServer mine = engine.service.apply(engine.demo, "web", EngineHarness.request("m1.tiny")).server();
        ManagedServer theirs = engine.service.apply(engine.altDemo, "web", EngineHarness.request("m1.large"))
                .server();

        assertThat(theirs.id()).isNotEqualTo(mine.id());
        assertThat(engine.service.get(engine.demo, "web").spec().flavorId()).isEqualTo("1");
        assertThat(engine.service.list(engine.altDemo, 10, null).items()).extracting(ManagedServer::id)
                .containsExactly(theirs.id());
        engine.service.delete(engine.altDemo, "web");
        assertThat(engine.service.get(engine.demo, "web").deletionRequested()).isFalse();
        assertThatThrownBy(() -> engine.service.get(TestData.session(TestData.partner()), "web"))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void the_list_pages_by_name() {
        for (String name : List.of("c", "a", "b")) {
            engine.service.apply(engine.demo, name, EngineHarness.request("m1.tiny"));
        }

        var first = engine.service.list(engine.demo, 2, null);
        var second = engine.service.list(engine.demo, 2, first.nextMarker());

        assertThat(first.items()).extracting(ManagedServer::name).containsExactly("a", "b");
        assertThat(second.items()).extracting(ManagedServer::name).containsExactly("c");
        assertThat(second.next()).isEmpty();
    }

    @Test
    void deleting_an_observed_server_forgets_it_at_once_and_leaves_its_vm_alone() {
        var vm = engine.cloud.putServer(TestData.server("legacy", TestData.DEMO,
                io.stackpilot.core.compute.ServerStatus.ACTIVE, engine.clock.instant()));
        engine.importer.importServers(engine.demo, new ImportRequest(vm.id().value(), null, null, false));

        engine.service.delete(engine.demo, "legacy");
        engine.settle();

        assertThatThrownBy(() -> engine.service.get(engine.demo, "legacy")).isInstanceOf(NotFoundException.class);
        assertThat(engine.cloud.allServers()).extracting(s -> s.id()).containsExactly(vm.id());
        assertThat(engine.cloud.calls("delete")).isZero();
        assertThat(engine.operations.list(new io.stackpilot.core.operation.OperationQuery(TestData.DEMO.id(), null,
                null, 10))).isEmpty();
    }

    @Test
    void a_resource_being_deleted_cannot_be_declared_again_until_it_is_gone() {
        engine.service.apply(engine.demo, "web", EngineHarness.request("m1.tiny"));
        engine.service.delete(engine.demo, "web");

        assertThatThrownBy(() -> engine.service.apply(engine.demo, "web", EngineHarness.request("m1.tiny")))
                .isInstanceOf(ConflictException.class);
        assertThat(engine.eventReasons("web")).containsExactly("DeletionRequested", "Declared");
    }
}
