package io.stackpilot.cli.command;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code stackpilot schedule delete NAME}: the engine removes its servers, then the schedule. */
@Command(name = "delete", description = "Delete a schedule (its servers are removed first).")
public final class ScheduleDeleteCommand extends BaseCommand {

    @Parameters(paramLabel = "NAME", description = "The schedule's name or ID.")
    String name;

    @Override
    public Integer call() {
        api().delete(ScheduleViews.path(name));
        return 0;
    }
}
