package io.stackpilot.cli.command;

import io.stackpilot.cli.output.OutputOptions;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code stackpilot managed-server show NAME}: spec and status. */
@Command(name = "show", description = "Show one managed server.")
public final class ManagedServerShowCommand extends BaseCommand {

    @Mixin
    OutputOptions output;

    @Parameters(paramLabel = "NAME", description = "The managed server's name.")
    String name;

    @Override
    public Integer call() {
        output.print(out(), ManagedServerViews.details(api().get(ManagedServerViews.path(name), Map.of())));
        return 0;
    }
}
