package io.stackpilot.cli.command;

import picocli.CommandLine.Command;

/** {@code stackpilot flavor}: the group of the flavor commands. */
@Command(name = "flavor", description = "List the flavors a server can be launched with.", subcommands = FlavorListCommand.class)
public final class FlavorCommand {
}
