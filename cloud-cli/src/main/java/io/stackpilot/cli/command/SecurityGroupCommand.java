package io.stackpilot.cli.command;

import picocli.CommandLine.Command;

/** {@code stackpilot security-group}: the group of the security group commands. */
@Command(name = "security-group", description = "Firewall rules for servers.",
        subcommands = {SecurityGroupListCommand.class, SecurityGroupCreateCommand.class, SecurityGroupShowCommand.class, SecurityGroupDeleteCommand.class, SecurityGroupRuleCommand.class})
public final class SecurityGroupCommand {
}
