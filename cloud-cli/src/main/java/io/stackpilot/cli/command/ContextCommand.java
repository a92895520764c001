package io.stackpilot.cli.command;

import picocli.CommandLine.Command;

/** {@code stackpilot context}: the group of the saved-context commands. */
@Command(name = "context", description = "List saved contexts or choose the current one.",
        subcommands = {ContextListCommand.class, ContextUseCommand.class})
public final class ContextCommand {
}
