package io.stackpilot.cli.command;

import io.stackpilot.cli.CliEnvironment;
import io.stackpilot.cli.Main;
import io.stackpilot.cli.testing.CliRunner;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every command of picocli's tree answers {@code --help} and {@code -h} with its own usage, as openstack does. */
class HelpOnEveryCommandTest {
    @TempDir
    Path directory;

    @TestFactory
    Stream<DynamicTest> every_command_prints_its_own_usage_for_help_and_h() {
        return commandPaths().stream().flatMap(path -> Stream.of("--help", "-h").map(flag ->
                DynamicTest.dynamicTest(String.join(" ", path) + " " + flag, () -> {
                    List<String> args = new ArrayList<>(path);
                    args.add(flag);

                    var result = new CliRunner(directory).run(args.toArray(String[]::new));

                    assertThat(result.exitCode()).isZero();
                    assertThat(result.err()).isEmpty();
                    assertThat(result.out()).startsWith("Usage: stackpilot " + String.join(" ", path));
                })));
    }

    @Test
    void the_tree_walk_reaches_the_leaf_commands() {
        assertThat(commandPaths()).contains(List.of("server", "list"), List.of("context", "use"), List.of("login"));
    }

    @Test
    void help_with_a_command_path_prints_that_commands_usage() {
        var result = new CliRunner(directory).run("help", "server", "list");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("Usage: stackpilot server list").contains("--status", "--format");
    }

    private static List<List<String>> commandPaths() {
        List<List<String>> paths = new ArrayList<>();
        collect(Main.commandLine(CliEnvironment.system()), new ArrayList<>(), paths);
        return paths;
    }

    private static void collect(CommandLine command, List<String> path, List<List<String>> paths) {
        command.getSubcommands().forEach((name, child) -> {
            if (!child.getCommandName().equals(name)) {
                return; // an alias: the command is visited under its own name
            }
            List<String> childPath = new ArrayList<>(path);
            childPath.add(name);
            paths.add(childPath);
            collect(child, childPath, paths);
        });
    }
}
