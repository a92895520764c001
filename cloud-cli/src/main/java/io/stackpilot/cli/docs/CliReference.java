package io.stackpilot.cli.docs;

import io.stackpilot.cli.CliEnvironment;
import io.stackpilot.cli.Main;
import picocli.AutoComplete;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes what the build ships next to the jar, all from the command model: man pages ({@code man/*.1}), shell
 * completion for bash, zsh and fish ({@code completion/}) and the Markdown reference ({@code docs/cli.md}, which
 * the repository keeps a copy of). The build runs it (exec-maven-plugin) with the output directory and version.
 */
public final class CliReference {
    private CliReference() {
    }

    public static void main(String[] args) throws IOException {
        write(Path.of(args.length > 0 ? args[0] : "target"), args.length > 1 ? args[1] : Main.version());
    }

    /** Everything under the directory; the version goes into the man pages' footer. */
    public static void write(Path directory, String version) throws IOException {
        CommandLine root = Main.commandLine(CliEnvironment.system());
        String name = root.getCommandName();
        Path man = Files.createDirectories(directory.resolve("man"));
        for (CommandTree.Node node : CommandTree.walk(root)) {
            writeFile(man.resolve(node.pageName(name) + ".1"), ManPage.render(node, name, version));
        }
        Path completion = Files.createDirectories(directory.resolve("completion"));
        writeFile(completion.resolve(name + ".bash"), bash(root));
        writeFile(completion.resolve(name + ".zsh"), zsh(root));
        writeFile(completion.resolve(name + ".fish"), FishCompletion.script(root));
        writeFile(Files.createDirectories(directory.resolve("docs")).resolve("cli.md"), MarkdownReference.render(root));
    }

    public static String bash(CommandLine root) {
        return AutoComplete.bash(root.getCommandName(), root);
    }

    /** picocli's bash script, which zsh runs through bashcompinit. */
    public static String zsh(CommandLine root) {
        return "autoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n" + bash(root);
    }

    private static void writeFile(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
