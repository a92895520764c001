package io.stackpilot.cli.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stackpilot.cli.config.CliConfig;
import io.stackpilot.cli.testing.CliRunner;
import io.stackpilot.cli.testing.RealServer;
import io.stackpilot.core.common.Location;
import io.stackpilot.core.compute.ComputeLimits;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code managed-server apply --placement ... [--strategy ...]} against the real server, whose locations are the
 * core's fake: what the CLI sends is what the server stores, and the server's refusals reach the user as exit 4.
 */
class PlacementCliIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] SPEC = {"--flavor", "m1.tiny", "--image", "cirros-0.6-lab", "--network", "private"};

    @TempDir
    Path directory;
    RealServer server;
    CliRunner cli;

    @BeforeEach
    void start() {
        server = RealServer.start();
        server.locations.add(new Location("lab-east", "RegionOne"), new ComputeLimits(3, 0, 20, 0, 51200, 0));
        server.locations.add(new Location("lab-west", "RegionTwo"), new ComputeLimits(3, 0, 20, 0, 51200, 0));
        cli = new CliRunner(directory).loggedInAsDemo(server);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private CliRunner.Result apply(String name, String... placement) {
        String[] args = new String[3 + SPEC.length + placement.length];
        args[0] = "managed-server";
        args[1] = "apply";
        args[2] = name;
        System.arraycopy(SPEC, 0, args, 3, SPEC.length);
        System.arraycopy(placement, 0, args, 3 + SPEC.length, placement.length);
        return cli.run(args);
    }

    /** The placement the server stored, read from the API (the CLI's details do not show it). */
    private JsonNode storedPlacement(String name) throws Exception {
        CliConfig config = cli.config();
        String token = config.context(config.currentContext()).orElseThrow().token();
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(server.url() + "/api/v1/managed-servers/" + name)).header("X-Auth-Token", token)
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).get("spec").get("placement");
    }

    @Test
    void listed_locations_in_order_and_a_strategy_are_sent_and_stored_as_the_placement() throws Exception {
        CliRunner.Result applied = apply("web-1", "--placement", "lab-west/RegionTwo,lab-east/RegionOne",
                "--strategy", "spread");

        assertThat(applied.exitCode()).as(applied.err()).isZero();
        assertThat(storedPlacement("web-1").toString())
                .isEqualTo("{\"locations\":[\"lab-west/RegionTwo\",\"lab-east/RegionOne\"],\"strategy\":\"spread\"}");
    }

    @Test
    void any_without_a_strategy_is_every_location_filled_first() throws Exception {
        CliRunner.Result applied = apply("web-2", "--placement", "any");

        assertThat(applied.exitCode()).as(applied.err()).isZero();
        assertThat(storedPlacement("web-2").toString())
                .isEqualTo("{\"locations\":\"any\",\"strategy\":\"fill-first\"}");
        // without --placement the spec has none: the caller's own cloud
        assertThat(apply("web-3").exitCode()).isZero();
        assertThat(storedPlacement("web-3").isNull()).isTrue();
    }

    @Test
    void an_unknown_location_and_an_unknown_strategy_exit_4_naming_both_and_nothing_is_declared() {
        CliRunner.Result applied = apply("web-1", "--placement", "lab-south/RegionOne,lab-east/RegionOne",
                "--strategy", "random");

        assertThat(applied.exitCode()).isEqualTo(4);
        assertThat(applied.err()).contains("placement.locations", "lab-south/RegionOne", "placement.strategy");
        assertThat(cli.run("managed-server", "show", "web-1").exitCode()).isEqualTo(3);
    }

    @Test
    void a_strategy_without_a_placement_is_a_usage_error_not_silently_dropped() {
        CliRunner.Result applied = apply("web-1", "--strategy", "spread");

        assertThat(applied.exitCode()).isEqualTo(2);
        assertThat(applied.err()).contains("--strategy needs --placement");
        assertThat(cli.run("managed-server", "show", "web-1").exitCode()).isEqualTo(3);
    }
}
