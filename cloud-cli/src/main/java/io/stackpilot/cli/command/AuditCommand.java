package io.stackpilot.cli.command;

import picocli.CommandLine.Command;

/** {@code stackpilot audit}: the group of the audit-trail commands (admin only). */
@Command(name = "audit", description = "Read the request audit trail (admin role).",
        subcommands = AuditListCommand.class)
public final class AuditCommand {
}
