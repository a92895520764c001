package io.stackpilot.cli.command;

import picocli.CommandLine.Command;

/** {@code stackpilot schedule}: peak-hour schedules, a count of managed servers while a window is open (issue 18). */
@Command(name = "schedule", description = "Peak-hour schedules: servers made when a window opens and removed when "
        + "it closes; create, list, show, runs, enable, disable, delete.", subcommands = {
        ScheduleCreateCommand.class, ScheduleListCommand.class, ScheduleShowCommand.class, ScheduleRunsCommand.class,
        ScheduleEnableCommand.class, ScheduleDisableCommand.class, ScheduleDeleteCommand.class})
public final class ScheduleCommand {
}
