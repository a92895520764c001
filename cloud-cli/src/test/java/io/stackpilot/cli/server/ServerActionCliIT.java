package io.stackpilot.cli.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.cli.testing.CliRunner;
import io.stackpilot.cli.testing.RealServer;
import io.stackpilot.core.compute.Server;
import io.stackpilot.core.compute.ServerStatus;
import io.stackpilot.core.testing.TestData;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server action commands (issue 22 item 1) against the real server over the fake cloud. */
class ServerActionCliIT {
    private static final String[] FAST = {"--poll-interval", "10ms", "--timeout", "1m"};

    @TempDir
    Path directory;
    RealServer server;
    CliRunner cli;
    Server vm;

    @BeforeEach
    void start() {
        server = RealServer.start();
        cli = new CliRunner(directory).loggedInAsDemo(server);
        vm = server.cloud.putServer(TestData.server("vm1", TestData.DEMO, ServerStatus.ACTIVE,
                CliRunner.NOW.minusSeconds(60)));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private CliRunner.Result run(String... args) {
        CliRunner.Result result = cli.run(args);
        assertThat(result.exitCode()).as(String.join(" ", args) + ": " + result.err()).isZero();
        return result;
    }

    private ServerStatus status() {
        return server.cloud.allServers().stream().filter(s -> s.id().equals(vm.id())).findFirst().orElseThrow()
                .status();
    }

    private String[] waiting(String... args) {
        String[] all = new String[args.length + FAST.length + 1];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--wait";
        System.arraycopy(FAST, 0, all, args.length + 1, FAST.length);
        return all;
    }

    @Test
    void stop_start_reboot_resize_confirm_and_rebuild_by_name_with_wait() {
        CliRunner.Result stopped = run(waiting("server", "stop", "vm1"));
        assertThat(stopped.out()).contains("vm1: stop accepted (was ACTIVE)");
        assertThat(stopped.err()).contains("vm1: SHUTOFF");
        assertThat(status()).isEqualTo(ServerStatus.SHUTOFF);

        assertThat(run("server", "stop", "vm1").out()).contains("vm1: already SHUTOFF, nothing to do");
        run(waiting("server", "start", "vm1"));
        assertThat(status()).isEqualTo(ServerStatus.ACTIVE);
        run(waiting("server", "reboot", "vm1"));
        run(waiting("server", "reboot", "--hard", "vm1"));
        CliRunner.Result resized = run(waiting("server", "resize", "vm1", "--flavor", "m1.small"));
        assertThat(resized.err()).contains("vm1: VERIFY_RESIZE");
        run(waiting("server", "confirm-resize", "vm1"));
        assertThat(server.cloud.allServers().getFirst().flavor().id()).isEqualTo("2");
        run("server", "resize", "vm1", "--flavor", "m1.medium");
        run(waiting("server", "revert-resize", "vm1"));
        assertThat(server.cloud.allServers().getFirst().flavor().id()).isEqualTo("2");
        run(waiting("server", "rebuild", "vm1", "--image", "cirros-0.6-lab"));
        assertThat(status()).isEqualTo(ServerStatus.ACTIVE);
    }

    @Test
    void console_log_prints_the_last_lines() {
        assertThat(run("server", "console-log", "vm1", "--lines", "2").out()).isEqualTo("ANOTHER\nLAST LINE\n");
    }

    @Test
    void a_refused_action_is_a_conflict_exit_code_with_the_reason() {
        CliRunner.Result refused = cli.run("server", "confirm-resize", "vm1");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.err()).contains("VERIFY_RESIZE");
    }
}
