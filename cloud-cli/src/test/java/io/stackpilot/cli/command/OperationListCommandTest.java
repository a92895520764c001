package io.stackpilot.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stackpilot.cli.testing.CliRunner;
import io.stackpilot.cli.testing.FakeStackpilotApi;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OperationListCommandTest {
    private static final String ANSWER = """
            {"operations": [{"id": "op-1", "kind": "create", "target": "t-1", "state": "queued", "attempts": 1,
              "reason": "no VM exists", "error": "the compute service answered 429", "created_at": "2026-12-02T01:00:00Z",
              "location": "lab-east/RegionOne"}],
             "locations": [{"location": "lab-east/RegionOne", "cloud": "lab-east", "region": "RegionOne", "queued": 3,
              "running": 4, "paused_until": "2026-12-02T01:00:30Z", "pause_reason": "the compute service answered 429",
              "failed_last_hour": 1}]}""";

    @TempDir
    Path directory;
    FakeStackpilotApi api;
    CliRunner cli;

    @BeforeEach
    void start() {
        api = FakeStackpilotApi.start();
        api.respond("GET", "/api/v1/operations", 200, ANSWER);
        cli = new CliRunner(directory).loggedInTo(api);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void each_operation_shows_its_location() throws Exception {
        var result = cli.run("operation", "list", "-f", "json");

        assertThat(result.exitCode()).as(result.err()).isZero();
        var row = new ObjectMapper().readTree(result.out()).get(0);
        assertThat(row.get("Location").asText()).isEqualTo("lab-east/RegionOne");
        assertThat(row.get("Kind").asText()).isEqualTo("create");
    }

    @Test
    void by_location_shows_the_queue_per_location() throws Exception {
        var result = cli.run("operation", "list", "--by-location", "-f", "json");

        assertThat(result.exitCode()).as(result.err()).isZero();
        var row = new ObjectMapper().readTree(result.out()).get(0);
        assertThat(row.get("Location").asText()).isEqualTo("lab-east/RegionOne");
        assertThat(row.get("Queued").asInt()).isEqualTo(3);
        assertThat(row.get("Running").asInt()).isEqualTo(4);
        assertThat(row.get("Paused Until").asText()).isEqualTo("2026-12-02T01:00:30Z");
        assertThat(row.get("Failed Last Hour").asInt()).isEqualTo(1);
    }
}
