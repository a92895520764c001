package io.stackpilot.cli.command;

import io.stackpilot.cli.testing.LoggedInCliTest;
import io.stackpilot.cli.testing.FakeData;
import io.stackpilot.cli.testing.FakeStackpilotApi;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ServerWriteCommandsTest extends LoggedInCliTest {
    private static final String FIRST_CREATED_ID = "c0ffee00-0000-4000-8000-000000000001";
    private static final String[] FAST = {"--poll-interval", "5ms"};

    @Test
    void create_resolves_names_to_ids_and_posts_the_contract_body() throws Exception {
        Path userData = directory.resolve("cloud-init.yaml");
        Files.writeString(userData, "#cloud-config\npackages: [nginx]\n");

        var result = cli.run("server", "create", "web-3", "--flavor", "m1.tiny", "--image", "cirros-0.6-lab",
                "--network", "private", "--network", FakeData.PUBLIC_NET_ID, "--preemptible", "--key-name", "mykey",
                "--user-data", userData.toString(), "--idempotency-key", "key-42");

        assertThat(result.exitCode()).isZero();
        var post = api.requests("POST", "/api/v1/servers").get(0);
        assertThat(post.json().toString()).isEqualTo("{\"name\":\"web-3\",\"flavor_id\":\"1\",\"image_id\":\""
                + FakeData.CIRROS_ID + "\",\"network_ids\":[\"" + FakeData.PRIVATE_NET_ID + "\",\""
                + FakeData.PUBLIC_NET_ID + "\"],\"preemptible\":true,\"key_name\":\"mykey\","
                + "\"user_data\":\"#cloud-config\\npackages: [nginx]\\n\"}");
        assertThat(post.header("Idempotency-Key")).isEqualTo("key-42");
        assertThat(post.header("Content-Type")).isEqualTo("application/json");
        assertThat(result.out()).contains("| id          | " + FIRST_CREATED_ID, "| status      | BUILD ");
        assertThat(api.requests("GET", "/api/v1/networks")).hasSize(1);
    }

    @Test
    void create_without_optional_flags_sends_preemptible_false_and_no_key_or_user_data() {
        cli.run("server", "create", "plain", "--flavor", "2", "--image", FakeData.CIRROS_ID, "--network",
                "private");

        var body = api.requests("POST", "/api/v1/servers").get(0).json();
        assertThat(body.path("preemptible").asBoolean()).isFalse();
        assertThat(body.has("key_name")).isFalse();
        assertThat(body.has("user_data")).isFalse();
        assertThat(api.requests("POST", "/api/v1/servers").get(0).header("Idempotency-Key")).isNull();
    }

    @Test
    void an_ambiguous_image_name_exits_4_listing_the_ids_and_creates_nothing() {
        var result = cli.run("server", "create", "x", "--flavor", "m1.tiny", "--image", "dup", "--network",
                "private");

        assertThat(result.exitCode()).isEqualTo(4);
        assertThat(result.err()).isEqualTo("more than one image is named 'dup' (" + FakeData.DUP_IMAGE_A + ", "
                + FakeData.DUP_IMAGE_B + "); use the ID\n");
        assertThat(api.requests("POST", "/api/v1/servers")).isEmpty();
    }

    @Test
    void an_unknown_flavor_exits_3_and_creates_nothing() {
        var result = cli.run("server", "create", "x", "--flavor", "m1.huge", "--image", "cirros-0.6-lab",
                "--network", "private");

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.err()).isEqualTo("no flavor with the name or ID 'm1.huge'\n");
        assertThat(api.requests("POST", "/api/v1/servers")).isEmpty();
    }

    @Test
    void create_without_a_network_is_a_usage_error() {
        var result = cli.run("server", "create", "x", "--flavor", "m1.tiny", "--image", "cirros-0.6-lab");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("Missing required option: '--network=NETWORK'");
    }

    @Test
    void create_with_wait_reports_each_status_change_on_stderr_until_active() {
        api.scriptStatuses(FIRST_CREATED_ID, "BUILD", "BUILD", "BUILD", "ACTIVE");

        var result = cli.run("server", "create", "web-3", "--flavor", "m1.tiny", "--image", "cirros-0.6-lab",
                "--network", "private", "--wait", FAST[0], FAST[1]);

        assertThat(result.exitCode()).isZero();
        assertThat(result.err()).matches("web-3: BUILD \\(\\d+\\.\\d s\\)\nweb-3: ACTIVE \\(\\d+\\.\\d s\\)\n");
        assertThat(result.out()).contains("| status      | ACTIVE ");
        assertThat(api.requests("GET", "/api/v1/servers/" + FIRST_CREATED_ID)).hasSize(4);
    }

    @Test
    void create_with_wait_exits_1_when_the_server_goes_to_error() {
        api.scriptStatuses(FIRST_CREATED_ID, "BUILD", "ERROR");

        var result = cli.run("server", "create", "web-3", "--flavor", "m1.tiny", "--image", "cirros-0.6-lab",
                "--network", "private", "--wait", FAST[0], FAST[1]);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("web-3: ERROR (")
                .containsPattern("server web-3 \\(" + FIRST_CREATED_ID + "\\) went to ERROR after \\d+\\.\\d s\n$");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void create_with_wait_exits_3_when_the_server_disappears() {
        api.scriptStatuses(FIRST_CREATED_ID, "BUILD", "GONE");

        var result = cli.run("server", "create", "web-3", "--flavor", "m1.tiny", "--image", "cirros-0.6-lab",
                "--network", "private", "--wait", FAST[0], FAST[1]);

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.err()).contains("server web-3 (" + FIRST_CREATED_ID + ") disappeared");
    }

    @Test
    void create_with_wait_gives_up_after_the_timeout_with_exit_6() {
        api.scriptStatuses(FIRST_CREATED_ID, "BUILD");

        var result = cli.run("server", "create", "web-3", "--flavor", "m1.tiny", "--image", "cirros-0.6-lab",
                "--network", "private", "--wait", "--timeout", "30ms", FAST[0], FAST[1]);

        assertThat(result.exitCode()).isEqualTo(6);
        assertThat(result.err()).contains("web-3: BUILD (").contains("waiting for server web-3 to be ACTIVE")
                .containsPattern("timed out after \\d+\\.\\d s");
    }

    @Test
    void an_unreadable_user_data_file_is_a_usage_error_and_creates_nothing() {
        var result = cli.run("server", "create", "web-3", "--flavor", "m1.tiny", "--image", "cirros-0.6-lab",
                "--network", "private", "--user-data", directory.resolve("missing.yaml").toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--user-data: cannot read ").contains("(NoSuchFileException)");
        assertThat(api.requests("POST", "/api/v1/servers")).isEmpty();
    }

    @Test
    void an_invalid_timeout_is_a_usage_error() {
        var result = cli.run("server", "create", "web-3", "--flavor", "m1.tiny", "--image", "cirros-0.6-lab",
                "--network", "private", "--wait", "--timeout", "soon");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("'soon' is not a duration");
    }

    @Test
    void a_validation_error_is_one_line_with_title_detail_and_field_errors_and_exit_4() {
        api.respond("POST", "/api/v1/servers", 400, """
                {"type":"/problems/invalid-request","title":"Invalid request","status":400,
                 "detail":"2 fields are invalid","instance":"/api/v1/servers","request_id":"req-77",
                 "errors":[{"field":"name","message":"must not be blank"},
                           {"field":"network_ids","message":"unknown network x"}]}""");

        var result = cli.run("server", "create", "web-3", "--flavor", "m1.tiny", "--image", "cirros-0.6-lab",
                "--network", "private");

        assertThat(result.exitCode()).isEqualTo(4);
        assertThat(result.err()).isEqualTo("Invalid request: 2 fields are invalid (name: must not be blank; "
                + "network_ids: unknown network x) [request req-77]\n");
    }

    @Test
    void quota_exceeded_exits_4() {
        api.respond("POST", "/api/v1/servers", 403, FakeStackpilotApi.problem(403, "quota-exceeded",
                "Quota exceeded", "instances: limit 10, in use 10", "/api/v1/servers"));

        var result = cli.run("server", "create", "web-3", "--flavor", "m1.tiny", "--image", "cirros-0.6-lab",
                "--network", "private");

        assertThat(result.exitCode()).isEqualTo(4);
        assertThat(result.err()).isEqualTo("Quota exceeded: instances: limit 10, in use 10 [request req-fake-1]\n");
    }

    @Test
    void delete_takes_names_and_ids_and_prints_nothing() {
        var result = cli.run("server", "delete", "web-1", FakeData.WEB_2_ID);

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEmpty();
        assertThat(api.requests("DELETE", "/api/v1/servers/").stream().map(r -> r.path()))
                .containsExactly("/api/v1/servers/" + FakeData.WEB_1_ID, "/api/v1/servers/" + FakeData.WEB_2_ID);
    }

    @Test
    void delete_with_wait_polls_until_the_server_answers_404() {
        var result = cli.run("server", "delete", "web-1", "--wait", FAST[0], FAST[1]);

        assertThat(result.exitCode()).isZero();
        assertThat(result.err()).matches("web-1: ACTIVE \\(\\d+\\.\\d s\\)\nweb-1: deleted \\(\\d+\\.\\d s\\)\n");
        assertThat(api.serverNames()).doesNotContain("web-1");
    }

    @Test
    void a_server_whose_id_is_not_a_uuid_is_still_found_by_id() {
        api.addServer(FakeData.server("srv-7", "seven", "ACTIVE"));

        var result = cli.run("server", "show", "srv-7", "-f", "value", "-c", "name");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("seven\n");
    }

    @Test
    void deleting_an_unknown_server_exits_3() {
        var result = cli.run("server", "delete", "nope");

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.err()).isEqualTo("no server with the name or ID 'nope'\n");
    }

    @Test
    void a_failed_delete_among_several_is_reported_and_the_others_still_go() {
        var result = cli.run("server", "delete", "nope", "web-2", "twin");

        assertThat(result.exitCode()).isEqualTo(4);
        assertThat(result.err()).isEqualTo("nope: no server with the name or ID 'nope'\n"
                + "twin: more than one server is named 'twin' (" + FakeData.TWIN_A_ID + ", " + FakeData.TWIN_B_ID
                + "); use the ID\n2 of 3 servers failed to delete\n");
        assertThat(api.requests("DELETE", "/api/v1/servers/")).hasSize(1);
    }
}
