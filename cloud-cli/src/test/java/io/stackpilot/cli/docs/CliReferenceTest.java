package io.stackpilot.cli.docs;

import io.stackpilot.cli.CliEnvironment;
import io.stackpilot.cli.Main;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the build generates into {@code target} (exec-maven-plugin runs {@link CliReference} after compiling): a man
 * page per command, completion for bash, zsh and fish that knows every command, and the Markdown reference, whose
 * copy in {@code docs/cli.md} must be the same.
 */
class CliReferenceTest {
    private static final Path TARGET = Path.of("target");
    private static final List<CommandTree.Node> COMMANDS = CommandTree.walk(Main.commandLine(CliEnvironment.system()));

    @Test
    void the_build_wrote_a_man_page_for_every_command_that_names_it_and_its_subcommands() throws IOException {
        for (CommandTree.Node node : COMMANDS) {
            Path page = TARGET.resolve("man").resolve(node.pageName("stackpilot") + ".1");
            assertThat(page).as("man page of '%s'", node.pathText()).exists();
            String roff = Files.readString(page);
            assertThat(roff).startsWith(".TH " + node.pageName("stackpilot").toUpperCase() + " 1 ")
                    .contains(".SH SYNOPSIS\n.nf\n" + ManPage.escape(("stackpilot " + node.pathText()).strip()));
            for (String sub : node.command().getSubcommands().keySet()) {
                assertThat(roff).contains(".B " + ManPage.escape(sub) + "\n");
            }
        }
    }

    @Test
    void the_build_wrote_bash_zsh_and_fish_completion_that_mention_every_command() throws IOException {
        for (String shell : List.of("bash", "zsh", "fish")) {
            String script = Files.readString(TARGET.resolve("completion/stackpilot." + shell));
            for (CommandTree.Node node : COMMANDS) {
                if (!node.path().isEmpty()) {
                    assertThat(script).as("%s completion of '%s'", shell, node.pathText())
                            .contains(node.path().getLast());
                }
            }
        }
        assertThat(Files.readString(TARGET.resolve("completion/stackpilot.fish")))
                .contains("-n '__stackpilot_path context' -a use");
    }

    @Test
    void the_markdown_reference_in_docs_is_the_one_the_build_generated() throws IOException {
        String generated = Files.readString(TARGET.resolve("docs/cli.md"));
        for (CommandTree.Node node : COMMANDS) {
            assertThat(generated).contains(("## stackpilot " + node.pathText()).strip() + "\n");
        }
        assertThat(Files.readString(Path.of("..", "docs", "cli.md")))
                .as("docs/cli.md is stale: copy cloud-cli/target/docs/cli.md over it").isEqualTo(generated);
    }
}
