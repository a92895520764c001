package io.stackpilot.cli.journey;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stackpilot.cli.testing.CliRunner;
import io.stackpilot.cli.testing.ServerProcess;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22 item 1 through the CLI (-Plab): the server jar as a process in front of the lab, lab user demo. A server
 * {@code cli-dt-*} is created, stopped, stopped again, started, rebooted hard, resized to m1.small and confirmed,
 * its console log printed, and deleted, each with {@code --wait} where it has one.
 */
class DayTwoCliLabIT {
    private static final String[] WAIT = {"--wait", "--timeout", "3m", "--poll-interval", "2s"};
    @TempDir
    static Path serverDirectory;
    @TempDir
    Path directory;
    private static ServerProcess server;

    @BeforeAll
    static void startServer() {
        server = ServerProcess.startInFrontOfLab(serverDirectory);
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private static String env(String name, String fallback) {
        return ServerProcess.labEnv(name, fallback);
    }

    private static String[] with(String[] more, String... args) {
        String[] all = new String[args.length + more.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }

    private CliRunner.Result ok(CliRunner cli, String... args) {
        CliRunner.Result result = cli.run(args);
        assertThat(result.exitCode()).as(String.join(" ", args) + ": " + result.err()).isZero();
        return result;
    }

    @Test
    void a_server_is_stopped_started_rebooted_resized_its_log_printed_and_deleted_with_the_cli() throws Exception {
        CliRunner cli = new CliRunner(directory);
        CliRunner.Result login = cli.stdin(env("LAB_USER_PASSWORD", "demo") + "\n").run("login", "--url",
                server.url(), "--username", "demo", "--project", "demo", "--password-stdin");
        assertThat(login.exitCode()).as(login.err()).isZero();
        String name = "cli-dt-" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode created = new ObjectMapper().readTree(ok(cli, with(WAIT, "server", "create", name, "--flavor",
                "m1.tiny", "--image", "cirros-0.6-lab", "--network", "private", "-f", "json")).out());
        String id = created.path("id").asText();
        try {
            assertThat(ok(cli, with(WAIT, "server", "stop", name)).err()).contains(name + ": SHUTOFF (");
            assertThat(ok(cli, "server", "stop", name).out()).contains(name + ": already SHUTOFF, nothing to do");
            assertThat(ok(cli, with(WAIT, "server", "start", name)).err()).contains(name + ": ACTIVE (");
            ok(cli, with(WAIT, "server", "reboot", "--hard", name));
            assertThat(ok(cli, with(WAIT, "server", "resize", name, "--flavor", "m1.small")).err())
                    .contains(name + ": VERIFY_RESIZE (");
            ok(cli, with(WAIT, "server", "confirm-resize", name));
            assertThat(ok(cli, "server", "show", name, "-f", "json").out()).contains("m1.small");
            assertThat(ok(cli, "server", "console-log", name, "--lines", "5").out()).isNotBlank();
        } finally {
            ok(cli, with(WAIT, "server", "delete", id));
        }
        assertThat(cli.run("server", "show", id).exitCode()).isEqualTo(3);
    }
}
