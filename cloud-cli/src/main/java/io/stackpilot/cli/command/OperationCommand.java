package io.stackpilot.cli.command;

import picocli.CommandLine.Command;

/** {@code stackpilot operation}: the engine's durable commands in your project. */
@Command(name = "operation", description = "List and show the engine's operations.",
        subcommands = {OperationListCommand.class, OperationShowCommand.class})
public final class OperationCommand {
}
