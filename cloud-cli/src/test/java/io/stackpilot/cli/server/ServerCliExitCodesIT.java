package io.stackpilot.cli.server;

import io.stackpilot.cli.testing.CliRunner;
import io.stackpilot.cli.testing.RealServer;
import io.stackpilot.core.compute.ServerStatus;
import io.stackpilot.core.error.ConflictException;
import io.stackpilot.core.error.UpstreamTimeoutException;
import io.stackpilot.core.error.UpstreamUnavailableException;
import io.stackpilot.core.testing.TestData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every exit code of the CLI ({@code ExitCodes}: 0 to 6) as the real server's answers produce it, each with the
 * one line the user reads on stderr.
 */
class ServerCliExitCodesIT {
    private static final String[] CREATE = {"server", "create", "web-1", "--flavor", "m1.tiny", "--image",
            "cirros-0.6-lab", "--network", "private"};

    @TempDir
    Path directory;
    RealServer server;
    CliRunner cli;

    @BeforeEach
    void start() {
        server = RealServer.start();
        cli = new CliRunner(directory);
        var login = cli.stdin("demo\n").run("login", "--url", server.url(), "--username", "demo", "--project",
                "demo", "--password-stdin");
        assertThat(login.exitCode()).as(login.err()).isZero();
        // One call, so that the server has validated (and cached) the token before a failure is injected.
        assertThat(cli.run("flavor", "list").exitCode()).isZero();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void exit_0_on_success_with_nothing_on_stderr() {
        var result = cli.run("server", "list");

        assertThat(result.exitCode()).isZero();
        assertThat(result.err()).isEmpty();
    }

    @Test
    void exit_1_when_the_server_fails_internally() {
        server.cloud.failNext(() -> new IllegalStateException("bug in a gateway"));

        var result = cli.run("flavor", "list");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).matches("Internal error: unexpected error; quote request id (req-[0-9a-f-]+) to the "
                + "operator\n");
    }

    @Test
    void exit_1_when_a_waited_for_server_goes_to_error() {
        server.cloud.setBootStatus(ServerStatus.ERROR);

        var result = cli.run(concat(CREATE, "--wait", "--poll-interval", "10ms"));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("web-1", "ERROR");
    }

    @Test
    void exit_2_for_usage_errors_before_any_request() {
        // The rows of the login and the first listing are stored after their answers: count from when they are in.
        server.awaitAuditStored();
        int before = server.auditLog.all().size();

        var unknownOption = cli.run("flavor", "list", "--colour");
        var unknownColumn = cli.run("flavor", "list", "-c", "Ram");
        var noNetwork = cli.run("server", "create", "x", "--flavor", "m1.tiny", "--image", "cirros-0.6-lab");
        var exclusive = cli.run("stats", "servers", "--project-id", "p", "--all-projects");
        var badFormat = cli.run("server", "list", "-f", "xml");

        assertThat(unknownOption.exitCode()).isEqualTo(2);
        assertThat(unknownOption.err()).contains("--colour");
        assertThat(unknownColumn.exitCode()).isEqualTo(2);
        assertThat(unknownColumn.err()).contains("no column named 'Ram'");
        assertThat(noNetwork.exitCode()).isEqualTo(2);
        assertThat(exclusive.exitCode()).isEqualTo(2);
        assertThat(badFormat.exitCode()).isEqualTo(2);
        assertThat(server.cloud.calls("boot")).isZero();
        // Only -c, checked against the listing's columns, has asked the server (for the flavors); nothing else did.
        server.awaitAuditStored();
        assertThat(server.auditLog.all().subList(before, server.auditLog.all().size()))
                .extracting(entry -> entry.method() + " " + entry.path()).containsExactly("GET /api/v1/flavors");
    }

    @Test
    void exit_3_when_a_server_flavor_or_context_does_not_exist() {
        var byName = cli.run("server", "show", "nope");
        var byId = cli.run("server", "show", "99999999-9999-4999-8999-999999999999");
        var flavor = cli.run("server", "create", "x", "--flavor", "m1.huge", "--image", "cirros-0.6-lab",
                "--network", "private");
        var context = cli.run("context", "use", "nope");

        assertThat(byName.exitCode()).isEqualTo(3);
        assertThat(byName.err()).isEqualTo("no server with the name or ID 'nope'\n");
        assertThat(byId.exitCode()).isEqualTo(3);
        assertThat(byId.err()).contains("99999999-9999-4999-8999-999999999999");
        assertThat(flavor.exitCode()).isEqualTo(3);
        assertThat(context.exitCode()).isEqualTo(3);
        assertThat(server.cloud.calls("boot")).isZero();
    }

    @Test
    void exit_4_for_an_ambiguous_name_an_invalid_request_a_conflict_and_an_exceeded_quota() {
        server.cloud.putServer(TestData.server("twin", TestData.DEMO, ServerStatus.ACTIVE, CliRunner.NOW));
        server.cloud.putServer(TestData.server("twin", TestData.DEMO, ServerStatus.ACTIVE, CliRunner.NOW));
        var ambiguous = cli.run("server", "show", "twin");
        var invalid = cli.run("server", "create", "x".repeat(300), "--flavor", "1", "--image",
                TestData.CIRROS_IMAGE_ID, "--network", TestData.PRIVATE_NETWORK_ID);
        server.cloud.failNext(() -> new ConflictException("Cannot 'delete' instance while it is in task_state "
                + "deleting"));
        var conflict = cli.run("server", "list");
        server.cloud.setInstanceQuota(TestData.DEMO.id(), 2);
        var quota = cli.run(CREATE);

        assertThat(ambiguous.exitCode()).isEqualTo(4);
        assertThat(ambiguous.err()).contains("more than one server is named 'twin'");
        assertThat(invalid.exitCode()).isEqualTo(4);
        assertThat(invalid.err()).contains("name");
        assertThat(conflict.exitCode()).isEqualTo(4);
        assertThat(conflict.err()).contains("task_state deleting");
        assertThat(quota.exitCode()).isEqualTo(4);
        assertThat(quota.err()).contains("Quota exceeded");
        assertThat(server.cloud.allServers()).hasSize(2);
    }

    @Test
    void exit_5_for_a_wrong_password_an_unknown_token_a_missing_role_and_no_login() {
        var wrong = new CliRunner(directory.resolve("other")).stdin("nope\n").run("login", "--url", server.url(),
                "--username", "demo", "--project", "demo", "--password-stdin");
        var forbidden = cli.run("audit", "list");
        var unknownToken = cli.loggedInTo("stale", server.url()).run("--context", "stale", "flavor", "list");
        var never = new CliRunner(directory.resolve("fresh")).run("server", "list");

        assertThat(wrong.exitCode()).isEqualTo(5);
        assertThat(wrong.err()).startsWith("login failed: ");
        assertThat(forbidden.exitCode()).isEqualTo(5);
        assertThat(forbidden.err()).contains("admin");
        assertThat(unknownToken.exitCode()).isEqualTo(5);
        assertThat(unknownToken.err()).contains("stackpilot login");
        assertThat(never.exitCode()).isEqualTo(5);
    }

    @Test
    void exit_6_when_the_cloud_is_unavailable_or_too_slow() {
        server.cloud.failNext(() -> new UpstreamUnavailableException("compute", "Nova answered 503", "req-1", null));
        var unavailable = cli.run("server", "list");
        server.cloud.failNext(() -> new UpstreamTimeoutException("compute", "no answer from Nova in 30 s", "req-2",
                null));
        var timeout = cli.run("server", "list");

        assertThat(unavailable.exitCode()).isEqualTo(6);
        assertThat(unavailable.err().lines()).hasSize(1);
        assertThat(timeout.exitCode()).isEqualTo(6);
        assertThat(cli.run("server", "list").exitCode()).isZero();
    }

    @Test
    void exit_6_when_the_server_is_not_listening() {
        String url = server.url();
        server.close();

        var result = cli.run("flavor", "list");

        assertThat(result.exitCode()).isEqualTo(6);
        assertThat(result.err()).startsWith("cannot reach Stackpilot at " + url + " (");
    }

    private static String[] concat(String[] first, String... more) {
        return java.util.stream.Stream.concat(java.util.Arrays.stream(first), java.util.Arrays.stream(more))
                .toArray(String[]::new);
    }
}
