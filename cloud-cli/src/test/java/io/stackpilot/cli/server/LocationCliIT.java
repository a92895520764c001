package io.stackpilot.cli.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stackpilot.cli.testing.CliRunner;
import io.stackpilot.cli.testing.RealServer;
import io.stackpilot.core.common.Location;
import io.stackpilot.core.compute.ComputeLimits;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code stackpilot location list} against the real server, whose locations are the core's fake. */
class LocationCliIT {
    private static final Location WEST = new Location("lab-west", "RegionTwo");

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

    @Test
    void lists_each_location_with_its_use_of_the_quota_or_why_it_is_unavailable() throws Exception {
        server.locations.add(new Location("lab-east", "RegionOne"), new ComputeLimits(3, 2, 20, 2, 51200, 1024));
        server.locations.add(WEST, new ComputeLimits(3, 0, 20, 0, 51200, 0));
        server.locations.setDown(WEST, true);

        var table = cli.run("location", "list");
        var json = cli.run("location", "list", "-f", "json");

        assertThat(table.exitCode()).as(table.err()).isZero();
        assertThat(table.out()).contains("Location").contains("lab-east/RegionOne").contains("2/3");
        JsonNode rows = new ObjectMapper().readTree(json.out());
        assertThat(rows).hasSize(3);
        assertThat(rows.get(1).toString()).isEqualTo("{\"Location\":\"lab-east/RegionOne\",\"Priority\":2,"
                + "\"Available\":true,\"Instances\":\"2/3\",\"Cores\":\"2/20\",\"RAM MB\":\"1024/51200\","
                + "\"Reason\":null}");
        assertThat(rows.get(2).path("Available").asBoolean()).isFalse();
        assertThat(rows.get(2).path("Instances").isNull()).isTrue();
        assertThat(rows.get(2).path("Reason").asText()).contains("unreachable");
    }
}
