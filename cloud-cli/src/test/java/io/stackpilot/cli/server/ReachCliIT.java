package io.stackpilot.cli.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stackpilot.cli.ExitCodes;
import io.stackpilot.cli.testing.CliRunner;
import io.stackpilot.cli.testing.RealServer;
import io.stackpilot.core.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The floating-ip, security-group and keypair commands against the real server over the fake cloud. */
class ReachCliIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;
    RealServer server;
    CliRunner cli;

    @BeforeEach
    void start() {
        server = RealServer.start();
        cli = login(new CliRunner(directory.resolve("demo")), "demo", "demo");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private CliRunner login(CliRunner runner, String user, String project) {
        var result = runner.stdin(("admin".equals(user) ? "admin" : "demo") + "\n").run("login", "--url",
                server.url() + "/api/v1/", "--username", user, "--project", project, "--password-stdin");
        assertThat(result.exitCode()).as(result.err()).isZero();
        return runner;
    }

    private JsonNode json(CliRunner runner, String... args) throws Exception {
        var result = runner.run(args);
        assertThat(result.exitCode()).as(result.err()).isZero();
        return JSON.readTree(result.out());
    }

    @Test
    void a_server_with_key_and_ssh_group_gets_a_floating_ip_and_everything_is_released() throws Exception {
        Path key = directory.resolve("laptop.pem");
        JsonNode keyPair = json(cli, "keypair", "create", "laptop", "--private-key", key.toString(), "-f", "json");
        assertThat(Files.readString(key)).contains("PRIVATE KEY");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        assertThat(keyPair.toString()).doesNotContain("PRIVATE KEY");
        JsonNode group = json(cli, "security-group", "create", "ssh", "--rule", "tcp:22@0.0.0.0/0", "-f", "json");
        assertThat(group.get("Rules").toString()).contains("ingress IPv4 tcp 22 0.0.0.0/0");

        JsonNode created = json(cli, "server", "create", "web", "--flavor", "m1.tiny", "--image", "cirros-0.6-lab",
                "--network", "private", "--key-name", "laptop", "--security-group", "ssh", "--floating-ip",
                "--poll-interval", "10ms", "-f", "json");

        String serverId = created.get("id").asText();
        JsonNode ips = json(cli, "floating-ip", "list", "-f", "json");
        assertThat(ips).singleElement().satisfies(ip -> assertThat(ip.get("Server").asText()).isEqualTo(serverId));
        String address = ips.get(0).get("IP").asText();
        assertThat(json(cli, "floating-ip", "disassociate", address, "-f", "json").get("Server").isNull()).isTrue();
        assertThat(json(cli, "floating-ip", "associate", address, "web", "-f", "json").get("Server").asText())
                .isEqualTo(serverId);
        assertThat(cli.run("floating-ip", "delete", address).exitCode()).isZero();
        assertThat(cli.run("server", "delete", "web").exitCode()).isZero();
        assertThat(cli.run("security-group", "delete", "ssh").exitCode()).isZero();
        assertThat(cli.run("keypair", "delete", "laptop").exitCode()).isZero();
        assertThat(json(cli, "floating-ip", "list", "-f", "json")).isEmpty();
        assertThat(json(cli, "security-group", "list", "-f", "json")).isEmpty();
        assertThat(json(cli, "keypair", "list", "-f", "json")).isEmpty();
    }

    @Test
    void a_rule_is_added_and_deleted_and_a_generated_private_key_goes_to_stdout_alone() throws Exception {
        var created = cli.run("keypair", "create", "plain");
        assertThat(created.out()).startsWith("-----BEGIN").contains("PRIVATE KEY");
        String groupId = json(cli, "security-group", "create", "web", "-f", "json").get("ID").asText();
        JsonNode rule = json(cli, "security-group", "rule", "add", "web", "tcp:8000-8080@10.0.0.0/8", "-f", "json");
        assertThat(rule.get("Ports").asText()).isEqualTo("8000-8080");
        assertThat(cli.run("security-group", "rule", "delete", groupId, rule.get("ID").asText()).exitCode()).isZero();
        assertThat(json(cli, "security-group", "show", "web", "-f", "json").get("Rules").toString())
                .doesNotContain(rule.get("ID").asText());
        assertThat(cli.run("security-group", "rule", "add", "web", "tcp:22:x").exitCode()).isNotZero();
    }

    @Test
    void another_project_is_told_not_found_for_the_floating_ip_group_and_key_pair() throws Exception {
        json(cli, "keypair", "import", "laptop", "--public-key", write("id.pub",
                "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFp4aU1vmFy7l0kq7g5CPn0r1o9m0fKqB7U9t0XbI0zA me@laptop"),
                "-f", "json");
        String groupId = json(cli, "security-group", "create", "ssh", "-f", "json").get("ID").asText();
        String ipId = json(cli, "floating-ip", "create", "-f", "json").get("ID").asText();
        CliRunner alt = login(new CliRunner(directory.resolve("alt")), "alt-demo", "alt-demo");
        server.cloud.addUser("admin", "admin", TestData.adminIn(TestData.ALT_DEMO));
        CliRunner admin = login(new CliRunner(directory.resolve("admin")), "admin", "alt-demo");
        for (CliRunner other : new CliRunner[] {alt, admin}) {
            assertThat(other.run("floating-ip", "show", ipId).exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
            assertThat(other.run("floating-ip", "delete", ipId).exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
            assertThat(other.run("security-group", "show", groupId).exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
            assertThat(other.run("security-group", "delete", groupId).exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
            assertThat(other.run("keypair", "show", "laptop").exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
            assertThat(other.run("keypair", "delete", "laptop").exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        }
        assertThat(cli.run("floating-ip", "show", ipId).exitCode()).isZero();
        assertThat(cli.run("keypair", "show", "laptop").exitCode()).isZero();
    }

    private String write(String name, String text) throws Exception {
        Path file = directory.resolve(name);
        Files.writeString(file, text);
        return file.toString();
    }
}
