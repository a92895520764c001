package io.stackpilot.cli.command;

import picocli.CommandLine.Command;

/** {@code stackpilot managed-server}: servers Stackpilot keeps as declared (issue 15). */
@Command(name = "managed-server", description = "Declare servers that Stackpilot keeps true; list, show, events, "
        + "delete, import.", subcommands = {ManagedServerApplyCommand.class, ManagedServerListCommand.class,
        ManagedServerShowCommand.class, ManagedServerEventsCommand.class, ManagedServerDeleteCommand.class,
        ManagedServerImportCommand.class})
public final class ManagedServerCommand {
}
