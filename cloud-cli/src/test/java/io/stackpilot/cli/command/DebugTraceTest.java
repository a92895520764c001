package io.stackpilot.cli.command;

import io.stackpilot.cli.testing.CliRunner;
import io.stackpilot.cli.testing.FakeStackpilotApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --debug} traces every HTTP exchange on stderr and never shows a token or a password. */
class DebugTraceTest {
    @TempDir
    Path directory;

    private final FakeStackpilotApi api = FakeStackpilotApi.start();

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void login_is_traced_with_the_password_and_the_issued_token_masked() {
        var result = new CliRunner(directory).stdin(FakeStackpilotApi.PASSWORD + "\n").run("--debug", "login",
                "--url", api.url(), "--username", "demo", "--project", "demo", "--password-stdin");

        assertThat(result.exitCode()).isZero();
        assertThat(result.err()).contains("> POST " + api.url() + "/api/v1/auth/tokens", "\"username\":\"demo\"",
                "\"password\":\"***\"", "< 201 (", "\"token\":\"***\"");
        assertThat(result.err()).doesNotContain(FakeStackpilotApi.PASSWORD, FakeStackpilotApi.TOKEN);
        assertThat(result.out()).doesNotContain("> POST");
    }

    @Test
    void every_request_of_a_command_is_traced_with_method_url_status_and_time_and_the_token_masked() {
        var result = new CliRunner(directory).loggedInTo(api).run("server", "list", "--debug", "--limit", "2");

        assertThat(result.exitCode()).isZero();
        assertThat(result.err()).contains("> GET " + api.url() + "/api/v1/servers?limit=2",
                "> X-Auth-Token: ***", "< 200 (").containsPattern("< 200 \\(\\d+ ms\\) request req-fake-1");
        assertThat(result.err()).doesNotContain(FakeStackpilotApi.TOKEN);
    }

    @Test
    void a_failed_request_is_traced_with_its_status() {
        var result = new CliRunner(directory).loggedInTo(api).run("--debug", "server", "show", "no-such-server");

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.err()).contains("< 404 (").doesNotContain(FakeStackpilotApi.TOKEN);
    }

    @Test
    void without_debug_nothing_is_traced() {
        var result = new CliRunner(directory).loggedInTo(api).run("server", "list");

        assertThat(result.err()).doesNotContain("> GET");
    }
}
