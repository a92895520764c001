package io.stackpilot.cli.command;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;

/**
 * {@code stackpilot help [COMMAND...]}: the usage of the command the path names, e.g. {@code help server list}
 * (picocli's own help command looks one level deep only). An unknown name is a usage error.
 */
@Command(name = "help", helpCommand = true,
        description = "Show the help of a command: stackpilot help server list.")
public final class HelpCommand implements CommandLine.IHelpCommandInitializable2, Runnable {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "The command path, e.g. server list.")
    List<String> path = List.of();

    private CommandLine.Help.ColorScheme colorScheme;
    private PrintWriter out;

    @Override
    public void init(CommandLine helpCommandLine, CommandLine.Help.ColorScheme colorScheme, PrintWriter out,
                     PrintWriter err) {
        this.colorScheme = colorScheme;
        this.out = out;
    }

    @Override
    public void run() {
        CommandLine target = spec.parent().commandLine();
        for (String name : path) {
            CommandLine next = target.getSubcommands().get(name);
            if (next == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "Unknown command: '"
                        + target.getCommandName() + " " + name + "'; its commands are: "
                        + String.join(", ", target.getSubcommands().keySet()));
            }
            target = next;
        }
        target.usage(out, colorScheme);
        out.flush();
    }
}
