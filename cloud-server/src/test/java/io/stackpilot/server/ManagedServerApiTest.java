package io.stackpilot.server;

import static io.stackpilot.server.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackpilot.core.common.Location;
import io.stackpilot.core.compute.Server;
import io.stackpilot.core.compute.ServerId;
import io.stackpilot.core.compute.ServerStatus;
import io.stackpilot.core.operation.Operation;
import io.stackpilot.core.operation.OperationKind;
import io.stackpilot.core.testing.TestData;
import io.stackpilot.server.jobs.EngineLoop;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The managed-server routes over the real use cases and the engine's loop as ApiWiring builds it, on fakes. */
class ManagedServerApiTest {
    static final String SPEC = "{\"flavor\":\"m1.tiny\",\"image\":\"cirros-0.6-lab\",\"networks\":[\"private\"]}";

    private final TestServer app = TestServer.start();
    private final EngineLoop engine = app.wiring.engineLoop();
    private final String demo = app.token(TestData.demo());

    @AfterEach
    void stop() {
        app.close();
    }

    private HttpResponse<String> put(String name, String token, String body) {
        return app.send("PUT", "/api/v1/managed-servers/" + name, token, body,
                Map.of("Content-Type", "application/json"));
    }

    @Test
    void declares_with_201_and_the_engine_makes_it_ready_with_the_vms_addresses() {
        HttpResponse<String> created = put("web-1", demo, SPEC);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode resource = TestServer.json(created);
        assertThat(resource.fieldNames()).toIterable().containsExactly("id", "name", "project_id", "managed",
                "reconcile", "spec", "generation", "status", "created_at", "updated_at", "deletion_requested_at",
                "schedule_id");
        assertThat(resource.get("schedule_id").isNull()).isTrue();
        assertThat(resource.get("project_id").asText()).isEqualTo(TestData.DEMO.id());
        assertThat(resource.get("spec").get("flavor_id").asText()).isEqualTo("1");
        assertThat(resource.get("spec").get("networks").get(0).asText()).isEqualTo("private");
        assertThat(resource.get("spec").get("update_policy").asText()).isEqualTo("manual");
        assertThat(resource.get("status").get("phase").asText()).isEqualTo("Pending");

        engine.runUntilIdle();

        JsonNode ready = TestServer.json(app.get("/api/v1/managed-servers/web-1", demo));
        JsonNode status = ready.get("status");
        assertThat(status.get("phase").asText()).isEqualTo("Ready");
        assertThat(status.get("observed_generation").asLong()).isEqualTo(1);
        assertThat(status.get("server_status").asText()).isEqualTo("ACTIVE");
        assertThat(status.get("addresses").get(0).get("network").asText()).isEqualTo("private");
        assertThat(app.cloud.allServers()).singleElement().satisfies(vm -> {
            assertThat(vm.id().value()).isEqualTo(status.get("server_id").asText());
            assertThat(vm.metadata()).containsEntry("stackpilot:managed", ready.get("id").asText());
        });
        assertThat(put("web-1", demo, SPEC).statusCode()).isEqualTo(200);
        JsonNode changed = TestServer.json(put("web-1", demo, SPEC.replace("m1.tiny", "m1.small")));
        assertThat(changed.get("generation").asLong()).isEqualTo(2);
    }

    @Test
    void bad_input_answers_400_listing_every_problem_and_stores_nothing() {
        HttpResponse<String> response = put("web-1", demo, "{\"flavor\":\"no-such-flavor\",\"image\":\"nope\","
                + "\"networks\":[\"private\",\"no-net\",\"nor-this\"],\"preemptible\":\"yes\",\"colour\":\"red\","
                + "\"update_policy\":\"sometimes\",\"placement\":[1]}");
        JsonNode problem = assertProblem(response, 400, "invalid-request");
        List<String> fields = new ArrayList<>();
        problem.get("errors").forEach(error -> fields.add(error.get("field").asText()));
        assertThat(fields).containsExactlyInAnyOrder("colour", "preemptible", "placement", "update_policy", "flavor",
                "image", "networks", "networks");
        assertThat(response.body()).contains("no-net", "nor-this", "no-such-flavor");
        assertThat(TestServer.json(app.get("/api/v1/managed-servers", demo)).get("managed_servers")).isEmpty();
        assertThat(app.managedServers.find(TestData.DEMO.id(), "web-1")).isEmpty();
    }

    @Test
    void a_valid_spec_with_one_wrong_field_is_refused_and_not_stored() {
        JsonNode problem = assertProblem(put("web-1", demo, SPEC.replace("}", ",\"reconcile\":\"no\"}")), 400,
                "invalid-request");
        assertThat(problem.get("errors")).extracting(e -> e.get("field").asText()).containsExactly("reconcile");
        assertThat(app.managedServers.find(TestData.DEMO.id(), "web-1")).isEmpty();
        assertProblem(app.post("/api/v1/managed-servers/imports", demo, "{\"server_id\":\"x\",\"extra\":1}",
                Map.of()), 400, "invalid-request");
    }

    @Test
    void a_name_that_is_not_a_dns_label_is_refused_and_not_json_is_refused() {
        JsonNode problem = assertProblem(put("Web_1", demo, SPEC), 400, "invalid-request");
        assertThat(problem.get("errors").get(0).get("field").asText()).isEqualTo("name");
        assertProblem(put("web-1", demo, "{\"flavor\":"), 400, "invalid-request");
        assertProblem(app.get("/api/v1/managed-servers/Web_1", demo), 404, "not-found");
        assertThat(app.managedServers.find(TestData.DEMO.id(), "web-1")).isEmpty();
    }

    @Test
    void another_projects_resource_of_the_same_name_is_another_resource() {
        put("web-1", demo, SPEC);
        String altDemo = app.token(TestData.altDemo());
        assertProblem(app.get("/api/v1/managed-servers/web-1", altDemo), 404, "not-found");
        assertProblem(app.send("DELETE", "/api/v1/managed-servers/web-1", altDemo, null, Map.of()), 404,
                "not-found");
        assertThat(put("web-1", altDemo, SPEC).statusCode()).isEqualTo(201);
        // An admin-role token scoped to an allowed project sees that project's resources only.
        String admin = app.token(TestData.admin());
        assertThat(TestServer.json(app.get("/api/v1/managed-servers", admin)).get("managed_servers")).isEmpty();
        assertThat(TestServer.json(app.get("/api/v1/operations", admin)).get("operations")).isEmpty();
        engine.runUntilIdle();
        assertThat(app.cloud.allServers()).extracting(vm -> vm.projectId())
                .containsExactlyInAnyOrder(TestData.DEMO.id(), TestData.ALT_DEMO.id());
    }

    @Test
    void lists_in_pages_by_name() {
        for (String name : List.of("c", "a", "b")) {
            put(name, demo, SPEC);
        }
        HttpResponse<String> first = app.get("/api/v1/managed-servers?limit=2", demo);
        JsonNode page = TestServer.json(first);
        assertThat(page.get("managed_servers")).extracting(s -> s.get("name").asText()).containsExactly("a", "b");
        assertThat(page.get("next_marker").asText()).isEqualTo("b");
        assertThat(first.headers().firstValue("Link")).hasValue(
                "</api/v1/managed-servers?limit=2&marker=b>; rel=\"next\"");
        JsonNode last = TestServer.json(app.get("/api/v1/managed-servers?limit=2&marker=b", demo));
        assertThat(last.get("managed_servers")).extracting(s -> s.get("name").asText()).containsExactly("c");
        assertThat(last.get("next_marker").isNull()).isTrue();
        assertProblem(app.get("/api/v1/managed-servers?limit=0", demo), 400, "invalid-request");
    }

    @Test
    void delete_answers_202_and_the_engine_deletes_the_vm_then_the_record() {
        put("web-1", demo, SPEC);
        engine.runUntilIdle();
        HttpResponse<String> deleted = app.send("DELETE", "/api/v1/managed-servers/web-1", demo, null, Map.of());
        assertThat(deleted.statusCode()).isEqualTo(202);
        assertThat(TestServer.json(deleted).get("status").get("phase").asText()).isEqualTo("Deleting");
        engine.runUntilIdle();
        assertProblem(app.get("/api/v1/managed-servers/web-1", demo), 404, "not-found");
        assertThat(app.cloud.allServers()).isEmpty();
    }

    @Test
    void events_and_operations_say_what_the_engine_did_and_why_to_the_owner_only() {
        put("web-1", demo, SPEC);
        engine.runUntilIdle();
        JsonNode events = TestServer.json(app.get("/api/v1/managed-servers/web-1/events", demo)).get("events");
        assertThat(events).extracting(e -> e.get("reason").asText()).contains("Declared", "EnqueuedCreate");
        assertThat(events.get(events.size() - 1).get("actor").asText()).isEqualTo("user:demo-user-id");

        JsonNode operations = TestServer.json(app.get("/api/v1/operations?target=web-1", demo)).get("operations");
        JsonNode create = operations.get(0);
        assertThat(create.get("kind").asText()).isEqualTo("create");
        assertThat(create.get("state").asText()).isEqualTo("succeeded");
        assertThat(create.get("replica").asText()).isEqualTo("test-replica");
        assertThat(create.get("reason").asText()).startsWith("no VM exists");
        String id = create.get("id").asText();
        assertThat(TestServer.json(app.get("/api/v1/operations/" + id, demo)).get("target").asText())
                .isEqualTo(create.get("target").asText());
        assertThat(TestServer.json(app.get("/api/v1/operations?target=" + create.get("target").asText()
                + "&state=succeeded", demo)).get("operations")).hasSize(1);
        assertThat(TestServer.json(app.get("/api/v1/operations?state=failed", demo)).get("operations")).isEmpty();
        assertThat(TestServer.json(app.get("/api/v1/operations?target=nothing-here", demo)).get("operations"))
                .isEmpty();
        assertProblem(app.get("/api/v1/operations?state=sleeping&target=%2E%2E", demo), 400, "invalid-request");
        String altDemo = app.token(TestData.altDemo());
        assertProblem(app.get("/api/v1/operations/" + id, altDemo), 404, "not-found");
        assertProblem(app.get("/api/v1/operations/not-an-id", demo), 404, "not-found");
        assertThat(TestServer.json(app.get("/api/v1/operations", altDemo)).get("operations")).isEmpty();
    }

    @Test
    void the_operations_list_shows_each_ones_location_and_the_queue_per_location_operators_see_every_project() {
        Location east = new Location("lab-east", "RegionOne");
        app.operations.enqueue(Operation.queue(TestData.DEMO.id(), OperationKind.CREATE, UUID.randomUUID(), "x",
                app.clock.instant(), east));
        app.operations.enqueue(Operation.queue(TestData.DEMO.id(), OperationKind.CREATE, UUID.randomUUID(), "x",
                app.clock.instant(), Location.DEFAULT));
        app.operations.enqueue(Operation.queue(TestData.ALT_DEMO.id(), OperationKind.CREATE, UUID.randomUUID(),
                "x", app.clock.instant(), new Location("lab-west", "RegionOne")));
        app.operations.pause(east, app.clock.instant().plusSeconds(30), "the compute service answered 429",
                app.clock.instant());

        JsonNode mine = TestServer.json(app.get("/api/v1/operations", demo));
        JsonNode all = TestServer.json(app.get("/api/v1/operations", app.token(TestData.admin())));

        assertThat(mine.get("operations")).extracting(op -> op.get("location").asText())
                .containsExactlyInAnyOrder("lab-east/RegionOne", "default/RegionOne");
        assertThat(mine.get("locations")).extracting(q -> q.get("location").asText())
                .containsExactly("default/RegionOne", "lab-east/RegionOne");
        JsonNode eastQueue = mine.get("locations").get(1);
        assertThat(eastQueue.get("cloud").asText()).isEqualTo("lab-east");
        assertThat(eastQueue.get("queued").asInt()).isEqualTo(1);
        assertThat(eastQueue.get("running").asInt()).isZero();
        assertThat(eastQueue.get("paused_until").asText()).isEqualTo(app.clock.instant().plusSeconds(30).toString());
        assertThat(eastQueue.get("pause_reason").asText()).isEqualTo("the compute service answered 429");
        assertThat(eastQueue.get("failed_last_hour").asInt()).isZero();
        assertThat(mine.get("locations").get(0).get("paused_until").isNull()).isTrue();
        assertThat(all.get("operations")).as("the list itself stays the caller's project's").isEmpty();
        assertThat(all.get("locations")).extracting(q -> q.get("location").asText())
                .containsExactly("default/RegionOne", "lab-east/RegionOne", "lab-west/RegionOne");
    }

    @Test
    void imports_a_vm_observed_only_once_and_it_turns_gone_when_the_vm_disappears() {
        String serverId = TestServer.json(app.post("/api/v1/servers", demo, ServerApiTest.BOOT, Map.of()))
                .get("id").asText();
        String body = "{\"server_id\":\"" + serverId + "\",\"name\":\"legacy\"}";
        HttpResponse<String> imported = app.post("/api/v1/managed-servers/imports", demo, body, Map.of());
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);
        JsonNode resource = TestServer.json(imported).get("managed_servers").get(0);
        assertThat(resource.get("managed").asBoolean()).isFalse();
        assertThat(resource.get("status").get("server_id").asText()).isEqualTo(serverId);
        assertProblem(app.post("/api/v1/managed-servers/imports", demo, body, Map.of()), 409, "conflict");
        assertProblem(app.post("/api/v1/managed-servers/imports", demo, "{\"filter\":{\"name\":\"(\"},"
                + "\"managed\":1}", Map.of()), 400, "invalid-request");

        app.cloud.removeServer(new ServerId(serverId));
        engine.runUntilIdle();
        JsonNode gone = TestServer.json(app.get("/api/v1/managed-servers/legacy", demo));
        assertThat(gone.get("status").get("phase").asText()).isEqualTo("Gone");
        assertThat(app.cloud.allServers()).isEmpty();
    }

    @Test
    void a_managed_import_of_a_vm_with_no_resolvable_network_is_a_400_and_stores_nothing() {
        Server detached = app.cloud.putServer(TestData.server("detached", TestData.DEMO, ServerStatus.ACTIVE,
                java.time.Instant.parse("2026-12-01T09:00:00Z")));
        String body = "{\"server_id\":\"" + detached.id().value() + "\",\"managed\":true}";

        assertProblem(app.post("/api/v1/managed-servers/imports", demo, body, Map.of()), 400, "invalid-request");
        assertThat(TestServer.json(app.get("/api/v1/managed-servers", demo)).get("managed_servers")).isEmpty();
    }

    @Test
    void the_engines_actions_are_audit_rows_naming_the_replica_and_the_operation() {
        put("web-1", demo, SPEC);
        engine.runUntilIdle();
        String operation = TestServer.json(app.get("/api/v1/operations?target=web-1", demo)).get("operations")
                .get(0).get("id").asText();
        String vm = app.cloud.allServers().getFirst().id().value();
        assertThat(app.auditRowsWhen(rows -> rows.stream().anyMatch(r -> r.method().equals("ENGINE"))))
                .filteredOn(r -> r.method().equals("ENGINE")).singleElement().satisfies(row -> {
                    assertThat(row.route()).isEqualTo("boot");
                    assertThat(row.userId()).isEqualTo("replica:test-replica operation:" + operation);
                    assertThat(row.projectId()).isEqualTo(TestData.DEMO.id());
                    assertThat(row.path()).endsWith("/servers/" + vm);
                    assertThat(row.query()).contains("no VM exists");
                    assertThat(row.replicaId()).isEqualTo("test-replica");
                });
    }
}
