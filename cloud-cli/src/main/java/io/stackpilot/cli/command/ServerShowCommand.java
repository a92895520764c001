package io.stackpilot.cli.command;

import io.stackpilot.cli.output.OutputOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code stackpilot server show ID|NAME}. */
@Command(name = "show", description = "Show one server.")
public final class ServerShowCommand extends BaseCommand {

    @Mixin
    OutputOptions output;

    @Parameters(paramLabel = "SERVER", description = "Server ID or name.")
    String server;

    @Override
    public Integer call() {
        output.print(out(), ServerViews.details(new Resolver(api()).server(server)));
        return 0;
    }
}
