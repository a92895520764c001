package io.stackpilot.server;

import static io.stackpilot.server.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackpilot.core.testing.TestData;
import io.stackpilot.server.jobs.EngineLoop;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The schedule routes over the real use cases and the engine's loop as ApiWiring builds it, on fakes. */
class ScheduleApiTest {
    private final TestServer app = TestServer.start();
    private final EngineLoop engine = app.wiring.engineLoop();
    private final String demo = app.token(TestData.demo());
    private final String altDemo = app.token(TestData.altDemo());
    private final Instant from = app.clock.instant().plus(Duration.ofMinutes(10));
    private final Instant until = from.plus(Duration.ofMinutes(5));

    @AfterEach
    void stop() {
        app.close();
    }

    private HttpResponse<String> send(String method, String path, String token, String body) {
        return app.send(method, path, token, body, Map.of("Content-Type", "application/json"));
    }

    private String oneOff(String name, int count) {
        return "{\"name\":\"" + name + "\",\"flavor\":\"m1.tiny\",\"image\":\"cirros-0.6-lab\","
                + "\"networks\":[\"private\"],\"count\":" + count + ",\"window\":{\"from\":\"" + from
                + "\",\"until\":\"" + until + "\"}}";
    }

    /** The engine's rounds with the clock standing, as often as a window needs to settle on fakes. */
    private void converge() {
        for (int round = 0; round < 3; round++) {
            engine.runUntilIdle();
            app.clock.advance(Duration.ofSeconds(31));
        }
    }

    @Test
    void a_schedule_is_created_with_201_and_shown_with_the_fields_of_issue_18() {
        HttpResponse<String> created = send("POST", "/api/v1/schedules", demo, "{\"name\":\"peak\","
                + "\"flavor\":\"m1.tiny\",\"image\":\"cirros-0.6-lab\",\"networks\":[\"private\"],\"count\":2,"
                + "\"preemptible\":true,\"placement\":{\"cloud\":\"lab\"},\"window\":{\"days\":[\"mon\",\"tue\"],"
                + "\"start\":\"22:00\",\"end\":\"06:00\",\"time_zone\":\"Europe/Rome\"}}");

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode schedule = TestServer.json(created);
        assertThat(created.headers().firstValue("Location")).contains("/api/v1/schedules/"
                + schedule.get("id").asText());
        assertThat(schedule.fieldNames()).toIterable().contains("name", "flavor", "image", "networks", "count",
                "preemptible", "placement", "window", "enabled", "active", "next_start", "next_end", "servers");
        assertThat(schedule.get("window").toString()).isEqualTo("{\"days\":[\"mon\",\"tue\"],\"start\":\"22:00\","
                + "\"end\":\"06:00\",\"time_zone\":\"Europe/Rome\"}");
        assertThat(schedule.get("placement").toString()).isEqualTo("{\"cloud\":\"lab\"}");
        assertThat(schedule.get("preemptible").asBoolean()).isTrue();
        assertThat(schedule.get("enabled").asBoolean()).isTrue();
        // 2026-11-22 is a Sunday 07:00 in Rome: the next window opens Monday 22:00 local.
        assertThat(schedule.get("active").asBoolean()).isFalse();
        assertThat(schedule.get("next_start").asText()).isEqualTo("2026-11-23T21:00:00Z");
        assertThat(schedule.get("next_end").asText()).isEqualTo("2026-11-24T05:00:00Z");
        assertThat(TestServer.json(app.get("/api/v1/schedules/peak", demo)).get("id"))
                .isEqualTo(schedule.get("id"));
        assertThat(TestServer.json(app.get("/api/v1/schedules", demo)).get("schedules")).hasSize(1);
        assertThat(send("POST", "/api/v1/schedules", demo, oneOff("peak", 1)).statusCode()).isEqualTo(409);
    }

    @Test
    void bad_input_answers_400_listing_every_problem_and_stores_nothing() {
        HttpResponse<String> response = send("POST", "/api/v1/schedules", demo, "{\"name\":\"peak\","
                + "\"flavor\":\"no-such-flavor\",\"image\":\"cirros-0.6-lab\",\"networks\":[\"private\"],"
                + "\"count\":0,\"colour\":\"red\",\"window\":{\"days\":[\"mon\"],\"start\":\"08:00\","
                + "\"end\":\"18:00\",\"time_zone\":\"Mars/Olympus\"}}");
        JsonNode problem = assertProblem(response, 400, "invalid-request");
        assertThat(fields(problem)).containsExactlyInAnyOrder("colour", "count", "window.time_zone", "flavor");

        JsonNode oneOff = assertProblem(send("POST", "/api/v1/schedules", demo, "{\"name\":\"peak\","
                + "\"flavor\":\"no-such-flavor\",\"image\":\"cirros-0.6-lab\",\"networks\":[\"private\"],\"count\":101,"
                + "\"window\":{\"from\":\"" + until + "\",\"until\":\"" + from + "\"}}"), 400, "invalid-request");
        assertThat(fields(oneOff)).containsExactlyInAnyOrder("count", "window.from", "flavor");
        JsonNode types = assertProblem(send("POST", "/api/v1/schedules", demo, "{\"name\":\"peak\","
                + "\"flavor\":\"m1.tiny\",\"image\":\"cirros-0.6-lab\",\"networks\":[\"private\"],\"count\":\"3\","
                + "\"window\":{\"from\":1,\"until\":\"" + from + "\",\"every\":2}}"), 400, "invalid-request");
        assertThat(fields(types)).containsExactlyInAnyOrder("count", "window.from", "window.every");
        assertThat(app.schedules.list(TestData.DEMO.id())).isEmpty();
    }

    @Test
    void the_engine_makes_the_servers_while_the_window_is_open_and_removes_them_after_with_one_run() {
        send("POST", "/api/v1/schedules", demo, oneOff("peak", 2));
        converge();
        assertThat(app.cloud.allServers()).isEmpty();

        app.clock.set(from);
        converge();
        JsonNode open = TestServer.json(app.get("/api/v1/schedules/peak", demo));
        assertThat(open.get("active").asBoolean()).isTrue();
        assertThat(open.get("servers")).extracting(server -> server.get("name").asText() + " "
                + server.get("phase").asText()).containsExactly("peak-1 Ready", "peak-2 Ready");
        assertThat(app.cloud.allServers()).extracting(vm -> vm.name()).containsExactlyInAnyOrder("peak-1", "peak-2");
        String scheduleId = open.get("id").asText();
        assertThat(app.cloud.allServers()).allSatisfy(vm -> assertThat(vm.metadata())
                .containsEntry("stackpilot:schedule", scheduleId));
        assertThat(TestServer.json(app.get("/api/v1/managed-servers/peak-1", demo)).get("schedule_id").asText())
                .isEqualTo(scheduleId);
        assertThat(assertProblem(send("PUT", "/api/v1/managed-servers/peak-1", demo, "{\"flavor\":\"m1.small\","
                + "\"image\":\"cirros-0.6-lab\",\"networks\":[\"private\"]}"), 409, "conflict").get("detail")
                .asText()).contains("belongs to schedule " + scheduleId);

        app.clock.set(until);
        converge();
        assertThat(app.cloud.allServers()).isEmpty();
        JsonNode runs = TestServer.json(app.get("/api/v1/schedules/peak/runs", demo)).get("runs");
        assertThat(runs).hasSize(1);
        JsonNode run = runs.get(0);
        assertThat(run.get("started_at").asText()).isEqualTo(from.toString());
        assertThat(run.get("servers_wanted").asInt()).isEqualTo(2);
        assertThat(run.get("servers_made").asInt()).isEqualTo(2);
        assertThat(run.get("servers_removed").asInt()).isEqualTo(2);
        assertThat(run.get("ended_at").isNull()).isFalse();
        assertThat(run.get("problems")).isEmpty();
    }

    @Test
    void patch_changes_count_and_enabled_and_delete_removes_the_servers_then_the_schedule() {
        send("POST", "/api/v1/schedules", demo, oneOff("peak", 1));
        app.clock.set(from);
        converge();
        HttpResponse<String> patched = send("PATCH", "/api/v1/schedules/peak", demo, "{\"count\":3}");
        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
        converge();
        assertThat(app.cloud.allServers()).hasSize(3);
        JsonNode bad = assertProblem(send("PATCH", "/api/v1/schedules/peak", demo, "{\"count\":0,\"enabled\":1}"),
                400, "invalid-request");
        assertThat(fields(bad)).containsExactlyInAnyOrder("count", "enabled");

        assertThat(send("DELETE", "/api/v1/schedules/peak", demo, null).statusCode()).isEqualTo(202);
        converge();
        assertThat(app.cloud.allServers()).isEmpty();
        assertProblem(app.get("/api/v1/schedules/peak", demo), 404, "not-found");
    }

    @Test
    void another_project_cannot_read_change_or_delete_the_schedule_even_by_its_id() {
        String id = TestServer.json(send("POST", "/api/v1/schedules", demo, oneOff("peak", 1))).get("id").asText();
        assertProblem(app.get("/api/v1/schedules/" + id, altDemo), 404, "not-found");
        assertProblem(send("PATCH", "/api/v1/schedules/" + id, altDemo, "{\"enabled\":false}"), 404, "not-found");
        assertProblem(send("DELETE", "/api/v1/schedules/" + id, altDemo, null), 404, "not-found");
        assertProblem(app.get("/api/v1/schedules/" + id + "/runs", altDemo), 404, "not-found");
        assertThat(TestServer.json(app.get("/api/v1/schedules", altDemo)).get("schedules")).isEmpty();
        assertThat(TestServer.json(app.get("/api/v1/schedules/" + id, demo)).get("enabled").asBoolean()).isTrue();
    }

    private static List<String> fields(JsonNode problem) {
        List<String> fields = new ArrayList<>();
        problem.get("errors").forEach(error -> fields.add(error.get("field").asText()));
        return fields;
    }
}
