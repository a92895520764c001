package io.stackpilot.cli.command;

import picocli.CommandLine.Command;

/** {@code stackpilot floating-ip}: the group of the floating IP commands. */
@Command(name = "floating-ip", description = "Public addresses that reach a server.",
        subcommands = {FloatingIpListCommand.class, FloatingIpCreateCommand.class, FloatingIpShowCommand.class, FloatingIpDeleteCommand.class, FloatingIpAssociateCommand.class, FloatingIpDisassociateCommand.class})
public final class FloatingIpCommand {
}
