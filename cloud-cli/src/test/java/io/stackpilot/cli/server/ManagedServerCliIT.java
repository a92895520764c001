package io.stackpilot.cli.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

/** The managed-server and operation commands through {@code execute()} against the real server and its engine. */
class ManagedServerCliIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] FAST = {"--poll-interval", "20ms", "--timeout", "1m"};

    @TempDir
    Path directory;
    RealServer server;
    CliRunner cli;

    @BeforeEach
    void start() {
        server = RealServer.start();
        cli = new CliRunner(directory).loggedInAsDemo(server);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private CliRunner.Result run(String... args) {
        return cli.run(args);
    }

    private static String[] with(String[] args, String... more) {
        return java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.Arrays.stream(more))
                .toArray(String[]::new);
    }

    @Test
    void apply_wait_shows_progress_until_ready_and_list_show_events_operations_follow() throws Exception {
        CliRunner.Result applied = run(with(new String[] {"managed-server", "apply", "web-1", "--flavor", "m1.tiny",
                "--image", "cirros-0.6-lab", "--network", "private", "--wait", "-f", "json"}, FAST));
        assertThat(applied.exitCode()).as(applied.err()).isZero();
        assertThat(applied.err()).contains("web-1: Ready");
        JsonNode resource = JSON.readTree(applied.out());
        assertThat(resource.get("phase").asText()).isEqualTo("Ready");
        assertThat(resource.get("server_id").asText()).isEqualTo(server.cloud.allServers().getFirst().id().value());

        CliRunner.Result list = run("managed-server", "list");
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).contains("web-1", "Ready", "m1.tiny");
        assertThat(run("managed-server", "show", "web-1").out()).contains("update_policy", "manual");
        assertThat(run("managed-server", "events", "web-1").out()).contains("Declared", "Created");

        CliRunner.Result operations = run("operation", "list", "--target", "web-1", "-f", "json");
        assertThat(operations.exitCode()).as(operations.err()).isZero();
        JsonNode create = JSON.readTree(operations.out()).get(0);
        assertThat(create.get("Kind").asText()).isEqualTo("create");
        assertThat(create.get("State").asText()).isEqualTo("succeeded");
        CliRunner.Result shown = run("operation", "show", create.get("ID").asText());
        assertThat(shown.out()).contains("succeeded", "cli-test");

        CliRunner.Result deleted = run(with(new String[] {"managed-server", "delete", "web-1", "--wait"}, FAST));
        assertThat(deleted.exitCode()).as(deleted.err()).isZero();
        assertThat(deleted.err()).contains("web-1: deleted");
        assertThat(server.cloud.allServers()).isEmpty();
    }

    @Test
    void bad_input_exits_4_naming_every_problem() {
        CliRunner.Result applied = run("managed-server", "apply", "web-1", "--flavor", "huge", "--image", "nope",
                "--network", "nowhere", "--update-policy", "sometimes");
        assertThat(applied.exitCode()).isEqualTo(4);
        assertThat(applied.err()).contains("huge", "nope", "nowhere", "update_policy");
        assertThat(run("managed-server", "show", "web-1").exitCode()).isEqualTo(3);
    }

    @Test
    void imports_a_server_observed_only_and_a_second_import_is_a_conflict() {
        Server vm = server.cloud.putServer(TestData.server("legacy-vm", TestData.DEMO, ServerStatus.ACTIVE,
                CliRunner.NOW.minusSeconds(60)));
        CliRunner.Result imported = run("managed-server", "import", "--server", vm.id().value(), "--name", "legacy");
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("legacy", "false");
        assertThat(run("managed-server", "import", "--name-regex", "legacy").exitCode()).isEqualTo(4);
        assertThat(run("managed-server", "import").exitCode()).isEqualTo(2);
    }
}
