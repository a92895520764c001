package io.stackpilot.cli.command;

import io.stackpilot.cli.output.OutputOptions;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code stackpilot schedule show NAME}: the schedule, its window and the servers it holds now. */
@Command(name = "show", description = "Show one schedule.")
public final class ScheduleShowCommand extends BaseCommand {

    @Mixin
    OutputOptions output;

    @Parameters(paramLabel = "NAME", description = "The schedule's name or ID.")
    String name;

    @Override
    public Integer call() {
        output.print(out(), ScheduleViews.details(api().get(ScheduleViews.path(name), Map.of())));
        return 0;
    }
}
