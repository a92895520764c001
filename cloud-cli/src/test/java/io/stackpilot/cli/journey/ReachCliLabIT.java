package io.stackpilot.cli.journey;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stackpilot.cli.ExitCodes;
import io.stackpilot.cli.testing.CliRunner;
import io.stackpilot.cli.testing.ServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22's journey through the CLI against the lab (-Plab): the server jar as a process, lab user demo makes a key
 * pair and an SSH security group, creates a server with both and {@code --floating-ip} (given by the daemon's engine);
 * alt-demo and admin scoped to alt-demo are told "not found" (exit 3) for all three; the server is stopped, started,
 * rebooted, resized and confirmed, its console log printed; everything is deleted. Objects are named
 * {@code reach-cli-*}.
 */
class ReachCliLabIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path serverDirectory;
    private static ServerProcess server;
    @TempDir
    Path directory;

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

    private CliRunner login(String user, String password, String project) {
        CliRunner cli = new CliRunner(directory.resolve(user + "-" + project));
        var result = cli.stdin(password + "\n").run("login", "--url", server.url(), "--username", user,
                "--project", project, "--password-stdin");
        assertThat(result.exitCode()).as(result.err()).isZero();
        return cli;
    }

    private static JsonNode json(CliRunner cli, String... args) throws Exception {
        var result = cli.run(args);
        assertThat(result.exitCode()).as(String.join(" ", args) + ": " + result.err()).isZero();
        return JSON.readTree(result.out());
    }

    private static CliRunner.Result ok(CliRunner cli, String... args) {
        CliRunner.Result result = cli.run(args);
        assertThat(result.exitCode()).as(String.join(" ", args) + ": " + result.err()).isZero();
        return result;
    }

    private static String[] with(String[] more, String... args) {
        String[] all = new String[args.length + more.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }

    @Test
    void a_server_with_key_and_ssh_group_gets_a_floating_ip_others_are_told_not_found_all_is_deleted()
            throws Exception {
        CliRunner demo = login("demo", env("LAB_USER_PASSWORD", "demo"), "demo");
        String name = "reach-cli-" + UUID.randomUUID().toString().substring(0, 8);
        Path privateKey = directory.resolve("key.pem");
        boolean serverMade = false;
        String ipId = null;
        try {
            json(demo, "keypair", "create", name, "--private-key", privateKey.toString(), "-f", "json");
            assertThat(Files.readString(privateKey)).contains("PRIVATE KEY");
            json(demo, "security-group", "create", name, "--rule", "tcp:22@0.0.0.0/0", "-f", "json");
            serverMade = true;
            JsonNode created = json(demo, "server", "create", name, "--flavor", "m1.tiny", "--image",
                    "cirros-0.6-lab", "--network", "private", "--key-name", name, "--security-group", name,
                    "--floating-ip", "--poll-interval", "2s", "--timeout", "3m", "-f", "json");
            String serverId = created.get("id").asText();
            JsonNode ip = null;
            for (JsonNode candidate : json(demo, "floating-ip", "list", "-f", "json")) {
                if (serverId.equals(candidate.path("Server").asText())) {
                    ip = candidate;
                }
            }
            assertThat(ip).as("a floating IP of server " + serverId).isNotNull();
            ipId = ip.get("ID").asText();

            CliRunner alt = login("alt-demo", env("LAB_USER_PASSWORD", "demo"), "alt-demo");
            CliRunner admin = login("admin", env("LAB_ADMIN_PASSWORD", "admin"), "alt-demo");
            for (CliRunner other : new CliRunner[] {alt, admin}) {
                assertThat(other.run("floating-ip", "show", ipId).exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
                assertThat(other.run("floating-ip", "delete", ipId).exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
                assertThat(other.run("security-group", "show", name).exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
                assertThat(other.run("keypair", "show", name).exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
                assertThat(other.run("keypair", "delete", name).exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
            }

            String[] wait = {"--wait", "--timeout", "3m", "--poll-interval", "2s"};
            ok(demo, with(wait, "server", "stop", name));
            ok(demo, with(wait, "server", "start", name));
            ok(demo, with(wait, "server", "reboot", name));
            ok(demo, with(wait, "server", "resize", name, "--flavor", "m1.small"));
            ok(demo, with(wait, "server", "confirm-resize", name));
            assertThat(json(demo, "server", "show", name, "-f", "json").toString()).contains("m1.small");
            assertThat(ok(demo, "server", "console-log", name, "--lines", "5").out()).isNotBlank();

            assertThat(demo.run("floating-ip", "disassociate", ipId).exitCode()).isZero();
            assertThat(demo.run("floating-ip", "delete", ipId).exitCode()).isZero();
            ipId = null;
        } finally {
            if (ipId != null) {
                demo.run("floating-ip", "delete", ipId);
            }
            if (serverMade) {
                demo.run("server", "delete", name, "--wait", "--poll-interval", "2s", "--timeout", "3m");
            }
            demo.run("security-group", "delete", name);
            demo.run("keypair", "delete", name);
        }
        assertThat(json(demo, "keypair", "list", "-f", "json").toString()).doesNotContain(name);
        assertThat(json(demo, "security-group", "list", "-f", "json").toString()).doesNotContain(name);
    }
}
