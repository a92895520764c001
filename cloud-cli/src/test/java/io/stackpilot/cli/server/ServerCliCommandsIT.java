package io.stackpilot.cli.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stackpilot.cli.testing.CliRunner;
import io.stackpilot.cli.testing.RealServer;
import io.stackpilot.core.compute.Server;
import io.stackpilot.core.compute.ServerId;
import io.stackpilot.core.compute.ServerStatus;
import io.stackpilot.core.testing.TestData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every command of the CLI through picocli's {@code execute()} against the real server over the fake cloud. */
class ServerCliCommandsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] FAST = {"--poll-interval", "10ms", "--timeout", "1m"};

    @TempDir
    Path directory;
    RealServer server;
    CliRunner cli;

    @BeforeEach
    void start() {
        server = RealServer.start();
        cli = new CliRunner(directory);
        login(cli, "demo", "demo");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private CliRunner.Result login(CliRunner runner, String user, String project, String... more) {
        String[] args = {"login", "--url", server.url() + "/api/v1/", "--username", user, "--project", project,
                "--password-stdin"};
        String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(more), java.util.Arrays.stream(args))
                .toArray(String[]::new);
        var result = runner.stdin(("admin".equals(user) ? "admin" : "demo") + "\n").run(all);
        assertThat(result.exitCode()).as(result.err()).isZero();
        return result;
    }

    private Server putServer(String name, ServerStatus status) {
        return server.cloud.putServer(TestData.server(name, TestData.DEMO, status, CliRunner.NOW.minusSeconds(60)));
    }

    private static JsonNode json(CliRunner.Result result) throws Exception {
        assertThat(result.exitCode()).as(result.err()).isZero();
        return JSON.readTree(result.out());
    }

    // ---- login, logout, whoami, contexts -------------------------------------------------------------------

    @Test
    void login_saves_the_servers_token_and_identity_in_a_file_only_the_user_can_read() throws Exception {
        var config = JSON.readTree(Files.readString(cli.configFile()));

        assertThat(config.path("current_context").asText()).isEqualTo("default");
        JsonNode context = config.path("contexts").path("default");
        assertThat(context.path("url").asText()).isEqualTo(server.url());
        assertThat(server.cloud.validate(context.path("token").asText()).user().name()).isEqualTo("demo");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cli.configFile())))
                .isEqualTo("rw-------");
    }

    @Test
    void whoami_shows_the_user_project_and_roles_the_server_returned() throws Exception {
        var whoami = json(cli.run("whoami", "-f", "json"));

        assertThat(whoami.path("user").asText()).isEqualTo("demo");
        assertThat(whoami.path("project").asText()).isEqualTo("demo");
        assertThat(whoami.path("project_id").asText()).isEqualTo(TestData.DEMO.id());
        assertThat(whoami.path("url").asText()).isEqualTo(server.url());
        assertThat(whoami.toString()).contains("member", "reader");
    }

    @Test
    void a_second_context_logs_in_as_admin_and_context_use_switches_back() {
        login(cli, "admin", "admin", "--context", "ops");

        assertThat(cli.run("context", "list", "-f", "value", "-c", "Current", "-c", "Name", "-c", "User").out())
                .isEqualTo(" default demo\n* ops admin\n");
        assertThat(cli.run("context", "use", "default").exitCode()).isZero();
        assertThat(cli.run("whoami", "-f", "value", "-c", "user").out()).isEqualTo("demo\n");
        assertThat(cli.run("--context", "ops", "whoami", "-f", "value", "-c", "user").out()).isEqualTo("admin\n");
    }

    @Test
    void logout_revokes_and_forgets_the_token_and_the_next_command_exits_5() {
        String token = cli.config().context("default").orElseThrow().token();

        var logout = cli.run("logout");
        var after = cli.run("flavor", "list");

        assertThat(logout.exitCode()).isZero();
        assertThat(logout.err()).isEmpty();
        assertThatThrownBy(() -> server.cloud.validate(token)).as("revoked in the cloud")
                .isInstanceOf(io.stackpilot.core.error.UnauthenticatedException.class);
        assertThat(after.exitCode()).isEqualTo(5);
        assertThat(after.err()).contains("stackpilot login");
    }

    // ---- catalog, every format ----------------------------------------------------------------------------

    @Test
    void flavor_list_prints_the_servers_flavors_as_a_table() {
        var result = cli.run("flavor", "list");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("""
                +----+-----------+------+------+-----------+-------+-----------+
                | ID | Name      | RAM  | Disk | Ephemeral | VCPUs | Is Public |
                +----+-----------+------+------+-----------+-------+-----------+
                | 1  | m1.tiny   | 512  | 1    | 0         | 1     | true      |
                | 2  | m1.small  | 2048 | 20   | 0         | 1     | true      |
                | 3  | m1.medium | 4096 | 40   | 0         | 2     | true      |
                | 4  | m1.large  | 8192 | 80   | 0         | 4     | true      |
                +----+-----------+------+------+-----------+-------+-----------+
                """);
        assertThat(server.cloud.calls("listFlavors")).isEqualTo(1);
    }

    @Test
    void flavor_list_as_json_yaml_and_value_with_selected_columns() throws Exception {
        var json = json(cli.run("flavor", "list", "-f", "json"));
        var yaml = cli.run("flavor", "list", "-f", "yaml", "-c", "ID", "-c", "Name");
        var value = cli.run("flavor", "list", "-f", "value", "-c", "Name", "-c", "RAM");

        assertThat(json.get(0).toString()).isEqualTo("{\"ID\":\"1\",\"Name\":\"m1.tiny\",\"RAM\":512,\"Disk\":1,"
                + "\"Ephemeral\":0,\"VCPUs\":1,\"Is Public\":true}");
        assertThat(yaml.out()).startsWith("- ID: '1'\n  Name: m1.tiny\n- ID: '2'\n  Name: m1.small\n");
        assertThat(value.out()).isEqualTo("m1.tiny 512\nm1.small 2048\nm1.medium 4096\nm1.large 8192\n");
    }

    @Test
    void image_list_shows_the_lab_image() {
        var result = cli.run("image", "list", "-f", "value", "-c", "ID", "-c", "Name", "-c", "Visibility");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo(TestData.CIRROS_IMAGE_ID + " cirros-0.6-lab public\n");
    }

    @Test
    void network_list_shows_subnets_as_a_table_and_as_a_yaml_list() {
        var table = cli.run("network", "list");
        var yaml = cli.run("network", "list", "-f", "yaml", "-c", "Name", "-c", "Subnets");

        assertThat(table.out()).contains("| private | ACTIVE | false  | false    | 10.0.0.0/24, fd00:10::/64 |");
        assertThat(yaml.out()).isEqualTo("""
                - Name: private
                  Subnets:
                  - '10.0.0.0/24'
                  - 'fd00:10::/64'
                - Name: public
                  Subnets:
                  - '203.0.113.0/24'
                """);
    }

    // ---- servers ------------------------------------------------------------------------------------------

    @Test
    void create_resolves_names_boots_on_the_cloud_and_list_shows_the_addresses() throws Exception {
        var create = json(cli.run("server", "create", "web-1", "--flavor", "m1.tiny", "--image", "cirros-0.6-lab",
                "--network", "private", "-f", "json"));

        Server booted = server.cloud.allServers().get(0);
        assertThat(create.path("id").asText()).isEqualTo(booted.id().value());
        assertThat(booted.flavor().id()).isEqualTo("1");
        assertThat(booted.image().id()).isEqualTo(TestData.CIRROS_IMAGE_ID);
        String ip = booted.addresses().get(0).ip();
        var list = cli.run("server", "list");
        assertThat(list.out()).contains("| " + booted.id().value() + " | web-1 | ACTIVE | private=" + ip + " ");
        assertThat(cli.run("server", "list", "-f", "value", "-c", "Name", "-c", "Networks").out())
                .isEqualTo("web-1 private=" + ip + "\n");
        var listed = json(cli.run("server", "list", "-f", "json"));
        assertThat(listed.get(0).path("Networks").path("private").get(0).asText()).isEqualTo(ip);
    }

    @Test
    void show_takes_a_name_or_an_id_in_every_format() throws Exception {
        Server web = putServer("web-2", ServerStatus.ACTIVE);

        var byName = cli.run("server", "show", "web-2", "-f", "value", "-c", "id", "-c", "status");
        var byId = json(cli.run("server", "show", web.id().value(), "-f", "json"));
        var yaml = cli.run("server", "show", "web-2", "-f", "yaml", "-c", "name", "-c", "flavor");
        var table = cli.run("server", "show", "web-2");

        assertThat(byName.out()).isEqualTo(web.id().value() + "\nACTIVE\n");
        assertThat(byId.path("name").asText()).isEqualTo("web-2");
        assertThat(byId.path("project_id").asText()).isEqualTo(TestData.DEMO.id());
        assertThat(yaml.out()).isEqualTo("name: web-2\nflavor: m1.tiny (1)\n");
        assertThat(table.out()).contains("| Field ", "| name ", "| web-2 ");
    }

    @Test
    void an_ambiguous_name_exits_4_and_lists_the_ids_while_the_id_still_works() {
        Server first = putServer("twin", ServerStatus.ACTIVE);
        Server second = putServer("twin", ServerStatus.SHUTOFF);

        var ambiguous = cli.run("server", "show", "twin");
        var delete = cli.run("server", "delete", "twin");

        assertThat(ambiguous.exitCode()).isEqualTo(4);
        assertThat(ambiguous.err()).contains("twin", first.id().value(), second.id().value());
        assertThat(delete.exitCode()).isEqualTo(4);
        assertThat(server.cloud.allServers()).hasSize(2);
        assertThat(cli.run("server", "show", second.id().value(), "-f", "value", "-c", "status").out())
                .isEqualTo("SHUTOFF\n");
    }

    @Test
    void list_filters_by_status_and_name_and_pages_with_all() {
        putServer("a-1", ServerStatus.ACTIVE);
        putServer("a-2", ServerStatus.SHUTOFF);
        putServer("b-1", ServerStatus.ACTIVE);

        var active = cli.run("server", "list", "--status", "ACTIVE", "-f", "value", "-c", "Name");
        var paged = cli.run("server", "list", "--all", "--limit", "1", "-f", "value", "-c", "Name");
        var onePage = cli.run("server", "list", "--limit", "1", "-f", "value", "-c", "Name");

        assertThat(active.out().lines()).containsExactlyInAnyOrder("a-1", "b-1");
        assertThat(paged.out().lines()).containsExactlyInAnyOrder("a-1", "a-2", "b-1");
        assertThat(onePage.out().lines()).hasSize(1);
        assertThat(onePage.err()).contains("--marker");
    }

    @Test
    void create_with_wait_reports_the_status_changes_until_active() throws Exception {
        server.cloud.setBootStatus(ServerStatus.BUILD);
        Thread activator = Thread.ofVirtual().start(() -> {
            while (server.cloud.allServers().isEmpty() || server.cloud.calls("findServer") == 0) {
                Thread.onSpinWait();
            }
            server.cloud.setStatus(server.cloud.allServers().get(0).id(), ServerStatus.ACTIVE);
        });

        var create = cli.run("server", "create", "web-3", "--flavor", "1", "--image", "cirros-0.6-lab",
                "--network", "private", "--wait", FAST[0], FAST[1], FAST[2], FAST[3], "-f", "value", "-c", "status");
        activator.join(Duration.ofSeconds(30));

        assertThat(create.exitCode()).as(create.err()).isZero();
        assertThat(create.out()).isEqualTo("ACTIVE\n");
        assertThat(create.err()).contains("web-3: BUILD", "web-3: ACTIVE (");
    }

    @Test
    void create_with_wait_exits_1_when_the_server_goes_to_error() {
        server.cloud.setBootStatus(ServerStatus.ERROR);

        var create = cli.run("server", "create", "web-4", "--flavor", "m1.tiny", "--image", "cirros-0.6-lab",
                "--network", "private", "--wait", FAST[0], FAST[1], FAST[2], FAST[3]);

        assertThat(create.exitCode()).isEqualTo(1);
        assertThat(create.err()).contains("ERROR");
    }

    @Test
    void delete_by_name_and_id_with_wait_removes_them_from_the_cloud() {
        Server first = putServer("old-1", ServerStatus.ACTIVE);
        putServer("old-2", ServerStatus.ACTIVE);
        putServer("keep", ServerStatus.ACTIVE);

        var delete = cli.run("server", "delete", first.id().value(), "old-2", "--wait", FAST[0], FAST[1], FAST[2],
                FAST[3]);

        assertThat(delete.exitCode()).as(delete.err()).isZero();
        assertThat(delete.out()).isEmpty();
        assertThat(server.cloud.allServers()).extracting(Server::name).containsExactly("keep");
        assertThat(cli.run("server", "show", first.id().value()).exitCode()).isEqualTo(3);
    }

    @Test
    void deleting_several_reports_the_unknown_one_and_still_deletes_the_others() {
        putServer("gone-soon", ServerStatus.ACTIVE);

        var delete = cli.run("server", "delete", "nope", "gone-soon");

        assertThat(delete.exitCode()).isEqualTo(3);
        assertThat(delete.err()).contains("nope");
        assertThat(server.cloud.allServers()).isEmpty();
    }

    // ---- stats, audit, completion -------------------------------------------------------------------------

    @Test
    void stats_servers_draws_the_stored_samples_as_bars() throws Exception {
        server.sample(TestData.DEMO.id(), CliRunner.NOW.minus(Duration.ofHours(2)), 2);
        server.sample(TestData.DEMO.id(), CliRunner.NOW.minus(Duration.ofHours(1)), 4);

        var chart = cli.run("stats", "servers", "--points", "3");
        var points = json(cli.run("stats", "servers", "-f", "json"));

        assertThat(chart.exitCode()).as(chart.err()).isZero();
        assertThat(chart.out()).startsWith("Running servers in project " + TestData.DEMO.id()
                + ", one point per PT1H, oldest first:\n");
        assertThat(chart.out()).contains("2026-11-22T04:00:00Z |" + "#".repeat(20) + " 2\n",
                "2026-11-22T05:00:00Z |" + "#".repeat(40) + " 4\n");
        assertThat(points.size()).isEqualTo(24);
    }

    @Test
    void stats_for_all_projects_needs_the_admin_role() {
        var asDemo = cli.run("stats", "servers", "--all-projects");
        login(cli, "admin", "admin", "--context", "ops");
        var asAdmin = cli.run("stats", "servers", "--all-projects", "--points", "2");

        assertThat(asDemo.exitCode()).isEqualTo(5);
        assertThat(asAdmin.exitCode()).as(asAdmin.err()).isZero();
        assertThat(asAdmin.out()).startsWith("Running servers in all projects");
    }

    @Test
    void audit_list_shows_the_requests_the_server_recorded_for_an_admin() throws Exception {
        cli.run("flavor", "list");
        login(cli, "admin", "admin", "--context", "ops");
        JsonNode entries = null;
        for (int attempt = 0; attempt < 500; attempt++) {
            entries = json(cli.run("audit", "list", "-f", "json"));
            if (entries.toString().contains("/api/v1/flavors")) {
                break;
            }
            Thread.sleep(20);
        }

        assertThat(entries.toString()).contains("/api/v1/flavors", "demo");
        assertThat(cli.run("--context", "default", "audit", "list").exitCode()).isEqualTo(5);
    }

    @Test
    void completion_prints_a_bash_script_without_asking_the_server() {
        var result = cli.run("completion", "bash");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("complete -F", "stackpilot");
        assertThat(server.auditLog.all()).allSatisfy(entry -> assertThat(entry.path()).doesNotContain("completion"));
    }
}
