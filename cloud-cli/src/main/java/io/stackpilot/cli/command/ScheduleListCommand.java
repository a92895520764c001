package io.stackpilot.cli.command;

import io.stackpilot.cli.output.OutputOptions;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code stackpilot schedule list}: the project's schedules, whether each is open now and when it next is. */
@Command(name = "list", description = "List schedules.")
public final class ScheduleListCommand extends BaseCommand {

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        output.print(out(), ScheduleViews.listing(api().get("/api/v1/schedules", Map.of()).path("schedules")));
        return 0;
    }
}
