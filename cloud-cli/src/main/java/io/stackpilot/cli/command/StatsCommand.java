package io.stackpilot.cli.command;

import picocli.CommandLine.Command;

/** {@code stackpilot stats}: the group of the statistics commands. */
@Command(name = "stats", description = "Usage statistics.", subcommands = StatsServersCommand.class)
public final class StatsCommand {
}
