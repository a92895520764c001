package io.stackpilot.cli.command;

import io.stackpilot.cli.output.OutputOptions;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code stackpilot schedule runs NAME}: each window the schedule served, newest first. */
@Command(name = "runs", description = "Show the windows a schedule served.")
public final class ScheduleRunsCommand extends BaseCommand {

    @Mixin
    OutputOptions output;

    @Parameters(paramLabel = "NAME", description = "The schedule's name or ID.")
    String name;

    @Override
    public Integer call() {
        output.print(out(), ScheduleViews.runs(api().get(ScheduleViews.path(name) + "/runs", Map.of()).path("runs")));
        return 0;
    }
}
