package io.stackpilot.server;

import static io.stackpilot.server.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackpilot.core.audit.AuditEntry;
import io.stackpilot.core.compute.Server;
import io.stackpilot.core.compute.ServerStatus;
import io.stackpilot.core.testing.TestData;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Issue 22 item 1 over HTTP: server actions and the console log, on the in-memory cloud. */
class ServerActionApiTest {
    private final TestServer app = TestServer.start();
    private final String demo = app.token(TestData.demo());
    private final Server server = app.cloud.putServer(TestData.server("vm", TestData.DEMO, ServerStatus.ACTIVE,
            app.clock.instant()));
    private final String actions = "/api/v1/servers/" + server.id().value() + "/actions";

    @AfterEach
    void stop() {
        app.close();
    }

    private HttpResponse<String> act(String token, String body) {
        return app.post(actions, token, body, Map.of());
    }

    private ServerStatus status() {
        return app.cloud.allServers().stream().filter(s -> s.id().equals(server.id())).findFirst().orElseThrow()
                .status();
    }

    @Test
    void stop_twice_start_reboot_resize_confirm_and_rebuild_answer_202() {
        HttpResponse<String> stopped = act(demo, "{\"action\":\"stop\"}");
        assertThat(stopped.statusCode()).as(stopped.body()).isEqualTo(202);
        assertThat(stopped.headers().firstValue("Location")).hasValue("/api/v1/servers/" + server.id().value());
        JsonNode body = TestServer.json(stopped);
        assertThat(body.get("action").asText()).isEqualTo("stop");
        assertThat(body.get("status_before").asText()).isEqualTo("ACTIVE");
        assertThat(body.get("goal").asText()).isEqualTo("SHUTOFF");
        assertThat(body.get("already_done").asBoolean()).isFalse();
        assertThat(status()).isEqualTo(ServerStatus.SHUTOFF);

        HttpResponse<String> again = act(demo, "{\"action\":\"stop\"}");
        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(TestServer.json(again).get("already_done").asBoolean()).isTrue();

        assertThat(act(demo, "{\"action\":\"start\"}").statusCode()).isEqualTo(202);
        assertThat(act(demo, "{\"action\":\"reboot\"}").statusCode()).isEqualTo(202);
        assertThat(act(demo, "{\"action\":\"reboot\",\"hard\":true}").statusCode()).isEqualTo(202);
        HttpResponse<String> resized = act(demo, "{\"action\":\"resize\",\"flavor\":\"m1.small\"}");
        assertThat(resized.statusCode()).as(resized.body()).isEqualTo(202);
        assertThat(TestServer.json(resized).get("goal").asText()).isEqualTo("VERIFY_RESIZE");
        assertThat(status()).isEqualTo(ServerStatus.VERIFY_RESIZE);
        assertThat(act(demo, "{\"action\":\"confirm_resize\"}").statusCode()).isEqualTo(202);
        assertThat(status()).isEqualTo(ServerStatus.ACTIVE);
        assertThat(act(demo, "{\"action\":\"rebuild\",\"image\":\"cirros-0.6-lab\"}").statusCode()).isEqualTo(202);
        assertThat(app.cloud.calls("act")).isEqualTo(7);
    }

    @Test
    void every_action_is_audited_with_its_route() {
        HttpResponse<String> response = act(demo, "{\"action\":\"stop\"}");
        AuditEntry row = app.auditRowOf(response);
        assertThat(row.method()).isEqualTo("POST");
        assertThat(row.route()).isEqualTo("/api/v1/servers/{id}/actions");
        assertThat(row.status()).isEqualTo(202);
        assertThat(row.projectId()).isEqualTo(TestData.DEMO.id());
    }

    @Test
    void a_bad_body_lists_every_problem_and_sends_nothing() {
        JsonNode problem = assertProblem(act(demo,
                "{\"action\":\"resize\",\"hard\":\"yes\",\"image\":\"x\",\"colour\":\"red\"}"), 400, "invalid-request");
        assertThat(problem.get("errors")).extracting(e -> e.get("field").asText())
                .containsExactlyInAnyOrder("colour", "hard", "image", "flavor");
        JsonNode unknown = assertProblem(act(demo, "{\"action\":\"explode\"}"), 400, "invalid-request");
        assertThat(unknown.get("errors").get(0).get("message").asText()).contains("start, stop, reboot");
        assertProblem(act(demo, "{}"), 400, "invalid-request");
        assertProblem(act(demo, "{\"action\":\"resize\",\"flavor\":\"m9.huge\"}"), 400, "invalid-request");
        assertThat(app.cloud.calls("act")).isZero();
    }

    @Test
    void confirm_without_a_resize_and_a_state_nova_refuses_are_409() {
        JsonNode problem = assertProblem(act(demo, "{\"action\":\"confirm_resize\"}"), 409, "conflict");
        assertThat(problem.get("detail").asText()).contains("VERIFY_RESIZE");
        app.cloud.setStatus(server.id(), ServerStatus.BUILD);
        assertThat(assertProblem(act(demo, "{\"action\":\"stop\"}"), 409, "conflict").get("detail").asText())
                .contains("BUILD");
    }

    @Test
    void another_projects_server_is_404_for_a_member_and_for_an_admin_role_token() {
        String altDemo = app.token(TestData.altDemo());
        String adminInAlt = app.token(TestData.adminIn(TestData.ALT_DEMO));
        for (String token : new String[] {altDemo, adminInAlt}) {
            assertProblem(act(token, "{\"action\":\"stop\"}"), 404, "not-found");
            assertProblem(app.get("/api/v1/servers/" + server.id().value() + "/console-log", token), 404,
                    "not-found");
        }
        assertThat(app.cloud.calls("act")).isZero();
        assertThat(status()).isEqualTo(ServerStatus.ACTIVE);
    }

    @Test
    void reads_the_last_lines_of_the_console_log_and_refuses_a_bad_count() {
        HttpResponse<String> log = app.get("/api/v1/servers/" + server.id().value() + "/console-log?lines=2", demo);
        assertThat(log.statusCode()).as(log.body()).isEqualTo(200);
        assertThat(TestServer.json(log).get("output").asText()).isEqualTo("ANOTHER\nLAST LINE");
        assertThat(TestServer.json(log).get("lines").asInt()).isEqualTo(2);
        assertProblem(app.get("/api/v1/servers/" + server.id().value() + "/console-log?lines=0", demo), 400,
                "invalid-request");
        assertProblem(app.get("/api/v1/servers/not-a-uuid/console-log", demo), 404, "not-found");
    }
}
