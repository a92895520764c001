package io.stackpilot.cli.command;

import picocli.CommandLine.Command;

/** {@code stackpilot limits}: the group of the quota commands. */
@Command(name = "limits", description = "The project's quota and use.", subcommands = LimitsShowCommand.class)
public final class LimitsCommand {
}
