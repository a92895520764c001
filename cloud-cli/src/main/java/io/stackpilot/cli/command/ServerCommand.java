package io.stackpilot.cli.command;

import picocli.CommandLine.Command;

/** {@code stackpilot server}: the group of the server commands. */
@Command(name = "server", description = "List, show, create, delete, start, stop, reboot, resize and rebuild servers.",
        subcommands = {ServerListCommand.class, ServerShowCommand.class, ServerCreateCommand.class,
                ServerDeleteCommand.class, ServerStartCommand.class, ServerStopCommand.class,
                ServerRebootCommand.class, ServerResizeCommand.class, ServerConfirmResizeCommand.class,
                ServerRevertResizeCommand.class, ServerRebuildCommand.class, ServerConsoleLogCommand.class})
public final class ServerCommand {
}
