package io.stackpilot.cli.command;

import picocli.CommandLine.Command;

/** {@code stackpilot network}: the group of the network commands. */
@Command(name = "network", description = "List the networks a server can be attached to.", subcommands = NetworkListCommand.class)
public final class NetworkCommand {
}
