package io.stackpilot.cli.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stackpilot.cli.testing.LoggedInCliTest;
import io.stackpilot.cli.testing.FakeData;
import io.stackpilot.cli.testing.FakeStackpilotApi;
import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;

class CatalogCommandsTest extends LoggedInCliTest {
    @Test
    void flavor_list_prints_an_openstack_style_table_by_default() {
        var result = cli.run("flavor", "list");

        assertThat(result.exitCode()).isZero();
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
        var request = api.requests("GET", "/api/v1/flavors").get(0);
        assertThat(request.header("X-Auth-Token")).isEqualTo(FakeStackpilotApi.TOKEN);
        assertThat(request.header("User-Agent")).isEqualTo("stackpilot-cli/dev");
    }

    @Test
    void flavor_list_as_json_is_an_array_of_objects_keyed_by_column_with_typed_values() throws Exception {
        var result = cli.run("flavor", "list", "-f", "json");

        var json = new ObjectMapper().readTree(result.out());
        assertThat(json.size()).isEqualTo(4);
        assertThat(json.get(0).toString()).isEqualTo("{\"ID\":\"1\",\"Name\":\"m1.tiny\",\"RAM\":512,\"Disk\":1,"
                + "\"Ephemeral\":0,\"VCPUs\":1,\"Is Public\":true}");
    }

    @Test
    void flavor_list_as_yaml_is_a_list_of_maps() {
        var result = cli.run("flavor", "list", "-f", "yaml", "-c", "ID", "-c", "Name", "-c", "Is Public");

        assertThat(result.out()).startsWith("""
                - ID: '1'
                  Name: m1.tiny
                  Is Public: true
                - ID: '2'
                """);
    }

    @Test
    void value_format_prints_the_selected_columns_space_separated_one_row_per_line() {
        var result = cli.run("flavor", "list", "-f", "value", "-c", "Name", "-c", "RAM");

        assertThat(result.out()).isEqualTo("m1.tiny 512\nm1.small 2048\nm1.medium 4096\nm1.large 8192\n");
    }

    @Test
    void an_unknown_column_is_a_usage_error_that_lists_the_columns() {
        var result = cli.run("flavor", "list", "-c", "Ram");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("no column named 'Ram'; the columns are: ID, Name, RAM, Disk");
    }

    @Test
    void an_unknown_format_is_a_usage_error() {
        var result = cli.run("flavor", "list", "-f", "xml");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("Invalid value for option '--format'");
    }

    @Test
    void image_list_shows_every_image() {
        var result = cli.run("image", "list", "-f", "value", "-c", "ID", "-c", "Name", "-c", "Visibility");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo(FakeData.CIRROS_ID + " cirros-0.6-lab public\n"
                + FakeData.DUP_IMAGE_A + " dup private\n" + FakeData.DUP_IMAGE_B + " dup shared\n");
    }

    @Test
    void network_list_shows_subnet_cidrs_and_flags() {
        var result = cli.run("network", "list");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("| ID ", "| Name    | Status | Shared | External | Subnets  ",
                "| private | ACTIVE | false  | false    | 10.0.0.0/24, fd00:10::/64 |");
    }

    @Test
    void network_list_as_yaml_nests_the_subnet_list() {
        var result = cli.run("network", "list", "-f", "yaml", "-c", "Name", "-c", "Subnets");

        assertThat(result.out()).isEqualTo("""
                - Name: public
                  Subnets:
                  - '203.0.113.0/24'
                - Name: private
                  Subnets:
                  - '10.0.0.0/24'
                  - 'fd00:10::/64'
                """);
    }
}
