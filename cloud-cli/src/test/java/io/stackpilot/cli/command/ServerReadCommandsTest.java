package io.stackpilot.cli.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stackpilot.cli.testing.LoggedInCliTest;
import io.stackpilot.cli.testing.FakeData;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ServerReadCommandsTest extends LoggedInCliTest {
    @Test
    void server_list_shows_networks_grouped_like_openstack() {
        var result = cli.run("server", "list");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains(
                "| ID                                   | Name  | Status  | Networks  ",
                "| " + FakeData.WEB_1_ID + " | web-1 | ACTIVE  | private=10.0.0.12, fd00:10::c; public=203.0.113.7"
                        + " | cirros-0.6-lab | m1.tiny  | false       |");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void server_list_as_json_keeps_networks_as_a_map() throws Exception {
        var result = cli.run("server", "list", "-f", "json", "--name", "web-1");

        var server = new ObjectMapper().readTree(result.out()).get(0);
        assertThat(server.path("Networks").toString())
                .isEqualTo("{\"private\":[\"10.0.0.12\",\"fd00:10::c\"],\"public\":[\"203.0.113.7\"]}");
        assertThat(server.path("Image").isNull()).isFalse();
    }

    @Test
    void server_list_with_location_adds_a_location_column_and_names_unavailable_locations_on_stderr() {
        var result = cli.run("server", "list", "--location", "all", "-f", "csv", "-c", "Name", "-c", "Location");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out().lines()).containsExactly("Name,Location", "web-1,lab/RegionOne",
                "web-2,lab/RegionOne", "twin,lab/RegionOne", "twin,lab/RegionOne");
        assertThat(result.err()).isEqualTo("Location lab-west/RegionOne unavailable: no answer within 10 s\n");
        assertThat(api.requests("GET", "/api/v1/servers").get(0).params()).isEqualTo(Map.of("location", "all"));
    }

    @Test
    void server_list_with_location_follows_each_locations_next_marker_asking_that_location_alone() {
        var result = cli.run("server", "list", "--location", "all", "--all", "--limit", "3", "-f", "value", "-c",
                "Name");

        assertThat(result.out()).isEqualTo("web-1\nweb-2\ntwin\ntwin\n");
        var requests = api.requests("GET", "/api/v1/servers");
        assertThat(requests).hasSize(2);
        assertThat(requests.get(1).params()).containsEntry("location", "lab/RegionOne").containsKey("marker");
    }

    @Test
    void without_location_there_is_no_location_column() {
        var result = cli.run("server", "list", "-f", "csv");

        assertThat(result.out().lines().findFirst().orElseThrow()).doesNotContain("Location");
    }

    @Test
    void server_list_passes_the_filters_as_query_parameters() {
        cli.run("server", "list", "--status", "ACTIVE", "--name", "twin", "--limit", "5", "--marker", "abc");

        assertThat(api.requests("GET", "/api/v1/servers").get(0).params())
                .isEqualTo(Map.of("status", "ACTIVE", "name", "twin", "limit", "5", "marker", "abc"));
    }

    @Test
    void one_page_mentions_the_next_marker_on_stderr() {
        var result = cli.run("server", "list", "--limit", "2", "-f", "value", "-c", "Name");

        assertThat(result.out()).isEqualTo("web-1\nweb-2\n");
        assertThat(result.err()).isEqualTo("More servers: --marker " + FakeData.WEB_2_ID + " (or --all)\n");
    }

    @Test
    void without_a_limit_every_page_of_the_servers_default_size_is_listed() {
        api.defaultPageSize(2);

        var result = cli.run("server", "list", "-f", "value", "-c", "Name");

        assertThat(result.out()).isEqualTo("web-1\nweb-2\ntwin\ntwin\n");
        assertThat(result.err()).isEmpty();
        assertThat(api.requests("GET", "/api/v1/servers")).hasSize(2);
        assertThat(api.requests("GET", "/api/v1/servers").get(0).params()).doesNotContainKey("limit");
    }

    @Test
    void all_follows_next_marker_to_the_end() {
        var result = cli.run("server", "list", "--all", "--limit", "1", "-f", "value", "-c", "Name");

        assertThat(result.out()).isEqualTo("web-1\nweb-2\ntwin\ntwin\n");
        assertThat(api.requests("GET", "/api/v1/servers")).hasSize(4);
        assertThat(api.requests("GET", "/api/v1/servers").get(3).params().get("marker")).isEqualTo(FakeData.TWIN_A_ID);
    }

    @Test
    void server_show_by_id_gets_the_server_directly() {
        var result = cli.run("server", "show", FakeData.WEB_1_ID);

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("| id          | " + FakeData.WEB_1_ID,
                "| addresses   | private=10.0.0.12, fd00:10::c; public=203.0.113.7 ",
                "| flavor      | m1.tiny (1) ", "| image       | cirros-0.6-lab (" + FakeData.CIRROS_ID + ")",
                "| preemptible | false ");
        assertThat(api.requests()).hasSize(1);
        assertThat(api.requests().get(0).path()).isEqualTo("/api/v1/servers/" + FakeData.WEB_1_ID);
    }

    @Test
    void server_show_by_name_uses_the_list_name_filter() {
        var result = cli.run("server", "show", "web-2", "-f", "value", "-c", "id", "-c", "status");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo(FakeData.WEB_2_ID + "\nBUILD\n");
        assertThat(api.requests("GET", "/api/v1/servers").get(0).params()).containsEntry("name", "web-2");
    }

    @Test
    void server_show_as_json_and_yaml_uses_the_field_names() throws Exception {
        var json = new ObjectMapper().readTree(cli.run("server", "show", "web-2", "-f", "json").out());
        var yaml = cli.run("server", "show", "web-2", "-f", "yaml", "-c", "name", "-c", "image", "-c",
                "preemptible").out();

        assertThat(json.path("status").asText()).isEqualTo("BUILD");
        assertThat(json.path("image").isNull()).isTrue();
        assertThat(json.path("addresses").isObject()).isTrue();
        assertThat(yaml).isEqualTo("name: web-2\nimage: null\npreemptible: true\n");
    }

    @Test
    void an_ambiguous_server_name_exits_4_and_lists_the_matching_ids() {
        var result = cli.run("server", "show", "twin");

        assertThat(result.exitCode()).isEqualTo(4);
        assertThat(result.err()).isEqualTo("more than one server is named 'twin' (" + FakeData.TWIN_A_ID + ", "
                + FakeData.TWIN_B_ID + "); use the ID\n");
    }

    @Test
    void an_unknown_server_exits_3() {
        var byName = cli.run("server", "show", "nope");
        var byId = cli.run("server", "show", "99999999-9999-4999-8999-999999999999");

        assertThat(byName.exitCode()).isEqualTo(3);
        assertThat(byName.err()).isEqualTo("no server with the name or ID 'nope'\n");
        assertThat(byId.exitCode()).isEqualTo(3);
    }
}
