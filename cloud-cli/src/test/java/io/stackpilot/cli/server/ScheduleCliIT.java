package io.stackpilot.cli.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stackpilot.cli.testing.CliRunner;
import io.stackpilot.cli.testing.RealServer;
import io.stackpilot.core.compute.Server;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The schedule commands through {@code execute()} against the real server and its engine loop. */
class ScheduleCliIT {
    private static final ObjectMapper JSON = new ObjectMapper();

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

    private static void eventually(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("waited 30 s").isBefore(deadline);
            Thread.sleep(100);
        }
    }

    private int removed() {
        try {
            JsonNode runs = JSON.readTree(cli.run("schedule", "runs", "peak", "-f", "json").out());
            return runs.size() == 1 && !runs.get(0).get("Ended At").isNull() ? runs.get(0).get("Removed").asInt() : -1;
        } catch (java.io.IOException unreadable) {
            throw new java.io.UncheckedIOException(unreadable);
        }
    }

    private long peakVms() {
        return server.cloud.allServers().stream().map(Server::name).filter(name -> name.startsWith("peak-")).count();
    }

    @Test
    void create_with_days_start_end_and_zone_then_list_show_and_bad_input_with_every_problem() throws Exception {
        CliRunner.Result created = cli.run("schedule", "create", "office", "--flavor", "m1.tiny", "--image",
                "cirros-0.6-lab", "--network", "private", "--count", "2", "--days", "mon-fri", "--start", "08:00",
                "--end", "18:00", "--time-zone", "Europe/Rome", "-f", "json");
        assertThat(created.exitCode()).as(created.err()).isZero();
        JsonNode schedule = JSON.readTree(created.out());
        assertThat(schedule.get("window").asText()).isEqualTo("mon,tue,wed,thu,fri 08:00-18:00 Europe/Rome");
        assertThat(schedule.get("enabled").asBoolean()).isTrue();

        assertThat(cli.run("schedule", "list").out()).contains("office", "Europe/Rome");
        assertThat(cli.run("schedule", "show", "office").out()).contains("next_start", "m1.tiny");

        CliRunner.Result bad = cli.run("schedule", "create", "bad", "--flavor", "no-such", "--image",
                "cirros-0.6-lab", "--network", "private", "--count", "0", "--start", "08:00", "--end", "18:00",
                "--time-zone", "Mars/Olympus");
        assertThat(bad.exitCode()).isEqualTo(4);
        assertThat(bad.err()).contains("count", "window.time_zone", "flavor");
        assertThat(cli.run("schedule", "create", "x", "--flavor", "m1.tiny", "--image", "i", "--network", "n",
                "--count", "1", "--days", "fri-mon", "--start", "08:00", "--end", "09:00", "--time-zone", "UTC")
                .exitCode()).isEqualTo(2);
    }

    @Test
    void a_one_off_window_makes_and_removes_servers_and_disable_enable_runs_and_delete_work() throws Exception {
        Instant from = server.clock.instant().plus(Duration.ofMinutes(1));
        Instant until = from.plus(Duration.ofMinutes(10));
        CliRunner.Result created = cli.run("schedule", "create", "peak", "--flavor", "m1.tiny", "--image",
                "cirros-0.6-lab", "--network", "private", "--count", "2", "--from", from.toString(), "--until",
                until.toString());
        assertThat(created.exitCode()).as(created.err()).isZero();

        server.clock.set(from);
        eventually(() -> peakVms() == 2);
        assertThat(cli.run("schedule", "disable", "peak").exitCode()).isZero();
        eventually(() -> peakVms() == 0);
        assertThat(cli.run("schedule", "enable", "peak").exitCode()).isZero();
        eventually(() -> peakVms() == 2);

        server.clock.set(until);
        eventually(() -> peakVms() == 0);
        server.clock.set(until.plus(Duration.ofMinutes(1)));
        eventually(() -> removed() == 4);
        CliRunner.Result runs = cli.run("schedule", "runs", "peak");
        assertThat(runs.out()).contains(from.toString());

        assertThat(cli.run("schedule", "delete", "peak").exitCode()).isZero();
        eventually(() -> cli.run("schedule", "show", "peak").exitCode() == 3);
    }
}
