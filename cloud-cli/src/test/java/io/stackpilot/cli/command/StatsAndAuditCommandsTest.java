package io.stackpilot.cli.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stackpilot.cli.testing.LoggedInCliTest;
import io.stackpilot.cli.testing.FakeStackpilotApi;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StatsAndAuditCommandsTest extends LoggedInCliTest {
    @Test
    void stats_servers_draws_one_bar_per_point_scaled_to_the_largest_value() {
        var result = cli.run("stats", "servers", "--points", "6");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("Running servers in project " + FakeStackpilotApi.PROJECT_ID
                + ", one point per PT1H, oldest first:\n"
                + "2026-11-22T18:00:00Z | - (no data)\n"
                + "2026-11-22T19:00:00Z |" + "#".repeat(10) + " 1\n"
                + "2026-11-22T20:00:00Z |" + "#".repeat(20) + " 2\n"
                + "2026-11-22T21:00:00Z |" + "#".repeat(30) + " 3\n"
                + "2026-11-22T22:00:00Z |" + "#".repeat(40) + " 4\n"
                + "2026-11-22T23:00:00Z | 0\n");
        assertThat(api.requests("GET", "/api/v1/stats/servers").get(0).params()).isEqualTo(Map.of("points", "6"));
    }

    @Test
    void stats_servers_with_a_format_prints_the_points_as_data() throws Exception {
        var result = cli.run("stats", "servers", "-f", "json");

        var points = new ObjectMapper().readTree(result.out());
        assertThat(points.size()).isEqualTo(24);
        assertThat(points.get(0).toString()).isEqualTo("{\"At\":\"2026-11-22T00:00:00Z\",\"Running\":null,"
                + "\"Source\":null}");
        assertThat(points.get(23).path("Source").asText()).isEqualTo("live");
        assertThat(api.requests("GET", "/api/v1/stats/servers").get(0).params()).isEmpty();
    }

    @Test
    void stats_servers_asks_for_another_project_or_all_projects() {
        cli.run("stats", "servers", "--project-id", "p-2", "-f", "value");
        var all = cli.run("stats", "servers", "--all-projects", "--points", "2");

        assertThat(api.requests("GET", "/api/v1/stats/servers").get(0).params())
                .isEqualTo(Map.of("project_id", "p-2"));
        assertThat(api.requests("GET", "/api/v1/stats/servers").get(1).params())
                .isEqualTo(Map.of("points", "2", "scope", "all"));
        assertThat(all.out()).startsWith("Running servers in all projects, one point per PT1H");
    }

    @Test
    void project_id_and_all_projects_together_are_a_usage_error() {
        var result = cli.run("stats", "servers", "--project-id", "p-2", "--all-projects");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--project-id and --all-projects are mutually exclusive");
        assertThat(api.requests()).isEmpty();
    }

    @Test
    void audit_list_passes_every_filter_and_turns_a_relative_since_into_an_instant() {
        var result = cli.run("audit", "list", "--since", "2h", "--until", "2026-11-22T05:59:30Z", "--project-id",
                "p-1", "--user-id", "u-123", "--status", "401", "--limit", "2");

        assertThat(result.exitCode()).isZero();
        assertThat(api.requests("GET", "/api/v1/audit").get(0).params()).isEqualTo(Map.of(
                "since", "2026-11-22T04:00:00Z", "until", "2026-11-22T05:59:30Z", "project_id", "p-1",
                "user_id", "u-123", "status", "401", "limit", "2"));
    }

    @Test
    void audit_list_shows_one_row_per_entry_and_the_next_marker_on_stderr() {
        var result = cli.run("audit", "list", "-f", "value", "-c", "ID", "-c", "Method", "-c", "Path", "-c",
                "Status", "-c", "User");

        assertThat(result.out()).isEqualTo("101 GET /api/v1/servers 200 demo\n100 POST /api/v1/auth/tokens 401 \n");
        assertThat(result.err()).isEqualTo("More entries: --marker 100\n");
    }

    @Test
    void a_bad_since_is_a_usage_error() {
        var result = cli.run("audit", "list", "--since", "yesterday");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--since: 'yesterday' is neither an ISO-8601 time nor a duration");
    }

    @Test
    void audit_list_without_the_admin_role_exits_5_with_the_servers_reason() {
        api.respond("GET", "/api/v1/audit", 403, FakeStackpilotApi.problem(403, "forbidden", "Forbidden",
                "the audit trail needs the admin role", "/api/v1/audit"));

        var result = cli.run("audit", "list");

        assertThat(result.exitCode()).isEqualTo(5);
        assertThat(result.err()).isEqualTo("Forbidden: the audit trail needs the admin role [request req-fake-1]\n");
    }

    @Test
    void limits_show_prints_limit_use_and_what_is_left_of_each_resource() throws Exception {
        var table = cli.run("limits", "show");
        var json = cli.run("limits", "show", "-f", "json");

        assertThat(table.exitCode()).isZero();
        assertThat(table.out()).contains("instances").contains("ram_mb").contains("security_groups");
        var rows = new ObjectMapper().readTree(json.out());
        assertThat(rows.get(0).toString()).isEqualTo("{\"Resource\":\"instances\",\"Limit\":10,\"Used\":2,"
                + "\"Free\":8}");
        assertThat(rows.get(2).toString()).isEqualTo("{\"Resource\":\"ram_mb\",\"Limit\":-1,\"Used\":1024,"
                + "\"Free\":null}");
        assertThat(api.requests("GET", "/api/v1/limits")).hasSize(2);
    }

    @Test
    void preemption_list_shows_which_server_made_room_for_which_and_why() throws Exception {
        var result = cli.run("preemption", "list", "--limit", "5", "-f", "json");

        assertThat(result.exitCode()).isZero();
        var rows = new ObjectMapper().readTree(result.out());
        assertThat(rows.get(0).path("Server ID").asText()).isEqualTo("srv-spot");
        assertThat(rows.get(0).path("Preempted By").asText()).isEqualTo("srv-std");
        assertThat(rows.get(0).path("Reason").asText()).isEqualTo("quota");
        assertThat(api.requests("GET", "/api/v1/preemptions").get(0).params()).isEqualTo(Map.of("limit", "5"));
    }

    @Test
    void server_list_passes_the_preemptible_filter() {
        assertThat(cli.run("server", "list", "--preemptible").exitCode()).isZero();
        assertThat(cli.run("server", "list", "--preemptible=false").exitCode()).isZero();

        assertThat(api.requests("GET", "/api/v1/servers")).extracting(request -> request.params().get("preemptible"))
                .containsExactly("true", "false");
    }
}
