package io.stackpilot.cli.command;

import io.stackpilot.cli.testing.CliRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class CompletionCommandTest {
    @TempDir
    Path directory;

    @Test
    void bash_completion_is_picoclis_script_for_the_whole_command_tree() {
        var result = new CliRunner(directory).run("completion", "bash");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("complete -F _complete_stackpilot", "login", "server", "create",
                "--flavor", "--format");
    }

    @Test
    void zsh_completion_loads_the_bash_script_through_bashcompinit() {
        var result = new CliRunner(directory).run("completion", "zsh");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("autoload -U +X compinit && compinit\n"
                + "autoload -U +X bashcompinit && bashcompinit\n").contains("complete -F _complete_stackpilot");
    }

    @Test
    void fish_completion_offers_subcommands_after_their_path_and_the_values_of_enum_options() {
        var result = new CliRunner(directory).run("completion", "fish");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("function __stackpilot_path",
                "complete -c stackpilot -n '__stackpilot_path server' -a list -d 'List servers.'",
                "complete -c stackpilot -n '__stackpilot_path server list' -s f -l format -r -a "
                        + "'table json yaml value csv'");
    }

    @Test
    void an_unknown_shell_is_a_usage_error() {
        var result = new CliRunner(directory).run("completion", "tcsh");

        assertThat(result.exitCode()).isEqualTo(2);
    }
}
