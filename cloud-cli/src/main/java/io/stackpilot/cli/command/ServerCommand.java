package io.stackpilot.cli.command;

import picocli.CommandLine.Command;

/** {@code stackpilot server}: the group of the server commands. */
@Command(name = "server", description = "List, show, create and delete servers.",
        subcommands = {ServerListCommand.class, ServerShowCommand.class, ServerCreateCommand.class,
                ServerDeleteCommand.class})
public final class ServerCommand {
}
