package io.stackpilot.cli.command;

import io.stackpilot.cli.testing.CliRunner;
import io.stackpilot.cli.testing.FakeStackpilotApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class TableWidthOptionsTest {
    @TempDir
    Path directory;

    private final FakeStackpilotApi api = FakeStackpilotApi.start();

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void fit_width_keeps_every_line_within_the_terminals_columns() {
        var wide = new CliRunner(directory).loggedInTo(api).run("image", "list");
        var fitted = new CliRunner(directory).loggedInTo(api).env("COLUMNS", "100").run("image", "list", "--fit-width");

        assertThat(wide.out().lines()).anySatisfy(line -> assertThat(line.length()).isGreaterThan(100));
        assertThat(fitted.exitCode()).isZero();
        assertThat(fitted.out().lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(100));
        assertThat(fitted.out()).contains("| cirros-0.6-la |", "| b             |");
    }

    @Test
    void max_width_sets_the_width_without_a_terminal() {
        var result = new CliRunner(directory).loggedInTo(api).run("server", "show", "web-1", "--max-width", "50");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out().lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(50));
    }

    @Test
    void csv_is_offered_by_show_commands_too_as_a_record_under_a_header() {
        var result = new CliRunner(directory).loggedInTo(api).run("server", "show", "web-1", "-f", "csv",
                "-c", "name", "-c", "status");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("name,status\r\nweb-1,ACTIVE\r\n");
    }
}
