package io.stackpilot.cli;

import io.stackpilot.cli.testing.CliRunner;
import io.stackpilot.cli.testing.FakeStackpilotApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class MainTest {
    @TempDir
    Path directory;

    @Test
    void the_top_level_command_is_found_after_global_options() {
        assertThat(Main.topLevelCommand(new String[]{"--context", "lab", "--debug", "server", "list"}))
                .isEqualTo("server");
        assertThat(Main.topLevelCommand(new String[]{"flavor", "list", "-f", "json"})).isEqualTo("flavor");
    }

    @Test
    void help_completion_typos_and_no_command_build_the_whole_tree() {
        assertThat(Main.topLevelCommand(new String[]{"completion", "bash"})).isNull();
        assertThat(Main.topLevelCommand(new String[]{"help", "server"})).isNull();
        assertThat(Main.topLevelCommand(new String[]{"servers"})).isNull();
        assertThat(Main.topLevelCommand(new String[]{"--help"})).isNull();
        assertThat(Main.commandLine(CliEnvironment.system(), new String[]{"--help"}).getSubcommands())
                .containsKeys("login", "server", "completion", "help");
    }

    @Test
    void a_pruned_tree_runs_its_command_with_the_inherited_global_options() {
        try (FakeStackpilotApi api = FakeStackpilotApi.start()) {
            CliRunner cli = new CliRunner(directory).loggedInTo("lab", api.url());
            String[] args = {"flavor", "list", "--context", "lab", "-f", "value", "-c", "Name"};

            var result = cli.runPruned(args);

            assertThat(Main.commandLine(CliEnvironment.system(), args).getSubcommands()).containsOnlyKeys("flavor");
            assertThat(result.exitCode()).isZero();
            assertThat(result.out()).isEqualTo("m1.tiny\nm1.small\nm1.medium\nm1.large\n");
        }
    }
}
