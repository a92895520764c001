package io.stackpilot.cli.command;

import io.stackpilot.cli.config.ContextEntry;
import io.stackpilot.cli.testing.CliRunner;
import io.stackpilot.cli.testing.FakeStackpilotApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

class LoginCommandTest {
    @TempDir
    Path directory;
    FakeStackpilotApi api;
    CliRunner cli;

    @BeforeEach
    void start() {
        api = FakeStackpilotApi.start();
        cli = new CliRunner(directory);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void logs_in_with_the_password_from_stdin_and_saves_the_token_in_a_file_only_the_user_can_read() throws Exception {
        var result = cli.stdin(FakeStackpilotApi.PASSWORD + "\n").run("login", "--url", api.url(),
                "--username", "demo", "--project", "demo", "--password-stdin");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("Logged in to " + api.url() + " as demo in project demo (context default");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cli.configFile())))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cli.configFile().getParent())))
                .isEqualTo("rwx------");
        ContextEntry saved = cli.config().context("default").orElseThrow();
        assertThat(cli.config().currentContext()).isEqualTo("default");
        assertThat(saved.token()).isEqualTo(FakeStackpilotApi.TOKEN);
        assertThat(saved.expiresAt()).hasToString(FakeStackpilotApi.EXPIRES_AT);
        assertThat(saved.url()).isEqualTo(api.url());
        assertThat(saved.projectId()).isEqualTo(FakeStackpilotApi.PROJECT_ID);
        assertThat(saved.roles()).containsExactly("member", "reader");

        var request = api.requests("POST", "/api/v1/auth/tokens").get(0);
        assertThat(request.json().toString()).isEqualTo("{\"username\":\"demo\",\"password\":\"s3cret\","
                + "\"user_domain\":\"Default\",\"project\":\"demo\",\"project_domain\":\"Default\"}");
        assertThat(request.header("User-Agent")).startsWith("stackpilot-cli/");
        assertThat(request.header("X-Auth-Token")).isNull();
    }

    @Test
    void the_saved_file_is_json_with_named_contexts_and_the_current_one() throws Exception {
        cli.env("OS_USERNAME", "demo").env("OS_PASSWORD", FakeStackpilotApi.PASSWORD)
                .run("login", "--url", api.url(), "--username", "demo", "--project", "demo");

        assertThat(Files.readString(cli.configFile()))
                .contains("\"current_context\" : \"default\"", "\"contexts\"", "\"token\" : \"gAAAAA-fake-token\"",
                        "\"expires_at\" : \"2026-11-22T18:00:00Z\"");
    }

    @Test
    void takes_the_url_from_STACKPILOT_URL_the_password_from_OS_PASSWORD_and_the_domains_from_options() {
        var result = cli.env("STACKPILOT_URL", api.url()).env("OS_PASSWORD", FakeStackpilotApi.PASSWORD)
                .env("OS_USERNAME", "partner-user").env("OS_USER_DOMAIN_NAME", "partner")
                .run("login", "--username", "partner-user", "--project", "partner-a", "--user-domain", "partner",
                        "--project-domain", "partner");

        assertThat(result.exitCode()).isZero();
        var body = api.requests("POST", "/api/v1/auth/tokens").get(0).json();
        assertThat(body.path("user_domain").asText()).isEqualTo("partner");
        assertThat(body.path("project_domain").asText()).isEqualTo("partner");
        assertThat(cli.config().context("default").orElseThrow().userDomain()).isEqualTo("partner");
    }

    @Test
    void a_url_pasted_with_the_api_path_is_reduced_to_the_server_base_url() {
        var result = cli.env("OS_USERNAME", "demo").env("OS_PASSWORD", FakeStackpilotApi.PASSWORD)
                .run("login", "--url", api.url() + "/api/v1/",
                "--username", "demo", "--project", "demo");

        assertThat(result.exitCode()).isZero();
        assertThat(cli.config().context("default").orElseThrow().url()).isEqualTo(api.url());
    }

    @Test
    void asks_for_the_password_on_the_terminal_when_no_other_source_is_given() {
        var result = cli.typedPassword(FakeStackpilotApi.PASSWORD)
                .run("login", "--url", api.url(), "--username", "demo", "--project", "demo");

        assertThat(result.exitCode()).isZero();
        assertThat(api.requests("POST", "/api/v1/auth/tokens").get(0).json().path("password").asText())
                .isEqualTo(FakeStackpilotApi.PASSWORD);
    }

    @Test
    void without_a_terminal_or_another_password_source_login_is_a_usage_error() {
        var result = cli.typedPassword(null).run("login", "--url", api.url(), "--username", "demo", "--project",
                "demo");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("use --password-stdin or set OS_PASSWORD");
        assertThat(api.requests()).isEmpty();
    }

    @Test
    void a_wrong_password_exits_5_with_one_line_and_saves_nothing() {
        var result = cli.env("OS_USERNAME", "demo").env("OS_PASSWORD", "wrong").run("login", "--url", api.url(), "--username", "demo",
                "--project", "demo");

        assertThat(result.exitCode()).isEqualTo(5);
        assertThat(result.err()).isEqualTo("login failed: Unauthenticated: The credentials are not valid "
                + "[request req-fake-1]\n");
        assertThat(cli.configFile()).doesNotExist();
    }

    @Test
    void missing_url_username_and_project_are_reported_together_as_a_usage_error() {
        var result = cli.env("OS_PASSWORD", FakeStackpilotApi.PASSWORD).run("login");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("Missing --url (or STACKPILOT_URL), --username, --project");
    }

    @Test
    void a_second_login_reuses_the_url_user_and_project_of_the_context() {
        cli.env("OS_USERNAME", "demo").env("OS_PASSWORD", FakeStackpilotApi.PASSWORD).run("login", "--url",
                api.url(), "--username", "demo", "--project", "demo");

        var result = cli.run("login");

        assertThat(result.exitCode()).isZero();
        assertThat(api.requests("POST", "/api/v1/auth/tokens")).hasSize(2);
        assertThat(api.requests("POST", "/api/v1/auth/tokens").get(1).json().path("username").asText())
                .isEqualTo("demo");
    }

    @Test
    void login_with_a_context_name_adds_a_context_and_context_use_switches_between_them() {
        cli.typedPassword(FakeStackpilotApi.PASSWORD);
        cli.run("login", "--url", api.url(), "--username", "demo", "--project", "demo");
        cli.run("login", "--context", "admin", "--url", api.url(), "--username", "admin", "--project", "admin");

        assertThat(cli.config().currentContext()).isEqualTo("admin");
        var list = cli.run("context", "list", "-f", "value", "-c", "Current", "-c", "Name", "-c", "User");
        assertThat(list.out()).isEqualTo(" default demo\n* admin admin\n");

        var use = cli.run("context", "use", "default");
        assertThat(use.exitCode()).isZero();
        assertThat(cli.config().currentContext()).isEqualTo("default");
        assertThat(cli.run("whoami", "-f", "value", "-c", "user").out()).isEqualTo("demo\n");
        assertThat(cli.run("--context", "admin", "whoami", "-f", "value", "-c", "user").out()).isEqualTo("admin\n");
    }

    @Test
    void using_an_unknown_context_exits_3_and_names_the_known_ones() {
        cli.loggedInTo(api);

        var result = cli.run("context", "use", "nope");

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.err()).isEqualTo("no context named 'nope'; the contexts are: default\n");
    }

    @Test
    void the_global_context_option_selects_a_context_for_one_call() {
        cli.loggedInTo(api).loggedInTo("elsewhere", "http://127.0.0.1:9").run("context", "use", "default");

        var here = cli.run("flavor", "list", "-f", "value", "-c", "Name");
        var elsewhere = cli.run("--context", "elsewhere", "flavor", "list");
        var unknown = cli.run("flavor", "list", "--context", "missing");

        assertThat(here.exitCode()).isZero();
        assertThat(elsewhere.exitCode()).isEqualTo(6);
        assertThat(elsewhere.err()).startsWith("cannot reach Stackpilot at http://127.0.0.1:9");
        assertThat(unknown.exitCode()).isEqualTo(3);
        assertThat(unknown.err()).isEqualTo("no context named 'missing'; see stackpilot context list\n");
    }

    @Test
    void logout_revokes_and_forgets_the_token_and_later_calls_exit_5_without_a_request() {
        cli.loggedInTo(api);

        var logout = cli.run("logout");
        var after = cli.run("server", "list");

        assertThat(logout.exitCode()).isZero();
        assertThat(logout.err()).isEmpty();
        assertThat(cli.config().context("default").orElseThrow().token()).isNull();
        assertThat(cli.config().context("default").orElseThrow().url()).isEqualTo(api.url());
        assertThat(after.exitCode()).isEqualTo(5);
        assertThat(after.err()).isEqualTo("not logged in or session expired; run stackpilot login\n");
        assertThat(api.requests()).hasSize(1);
        assertThat(api.requests("DELETE", "/api/v1/auth/tokens").get(0).header("X-Auth-Token"))
                .isEqualTo(FakeStackpilotApi.TOKEN);
    }

    @Test
    void a_failed_revocation_is_a_warning_and_the_token_is_forgotten_all_the_same() {
        cli.loggedInTo(api);
        api.respond("DELETE", "/api/v1/auth/tokens", 503, FakeStackpilotApi.problem(503, "upstream-unavailable",
                "Service Unavailable", "Keystone is down", "/api/v1/auth/tokens"));

        var logout = cli.run("logout");

        assertThat(logout.exitCode()).isZero();
        assertThat(logout.err()).startsWith("warning: the token could not be revoked (").contains("Keystone is down");
        assertThat(cli.config().context("default").orElseThrow().token()).isNull();
    }

    @Test
    void an_unreachable_server_at_logout_is_a_warning_too() {
        cli.loggedInTo("default", "http://127.0.0.1:9");

        var logout = cli.run("logout");

        assertThat(logout.exitCode()).isZero();
        assertThat(logout.err()).startsWith("warning: the token could not be revoked (cannot reach Stackpilot");
        assertThat(cli.config().context("default").orElseThrow().token()).isNull();
    }

    @Test
    void whoami_shows_the_login_of_the_current_context() {
        cli.loggedInTo(api);

        var result = cli.run("whoami");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("| Field          | Value", "| user           | demo ",
                "| project_id     | " + FakeStackpilotApi.PROJECT_ID, "| roles          | member ",
                "| expires_at     | 2026-11-22T18:00:00Z");
    }

    @Test
    void whoami_and_commands_exit_5_when_never_logged_in_or_the_token_expired() {
        assertThat(cli.run("whoami").exitCode()).isEqualTo(5);

        ContextEntry expired = new ContextEntry(api.url(), "old", CliRunner.NOW.minusSeconds(1), "demo", null,
                "Default", "demo", null, "Default", null);
        cli.store().save(cli.config().withContext("default", expired).withCurrent("default"));

        var result = cli.run("flavor", "list");
        assertThat(result.exitCode()).isEqualTo(5);
        assertThat(result.err()).isEqualTo("not logged in or session expired; run stackpilot login\n");
        assertThat(api.requests()).isEmpty();
    }
}
