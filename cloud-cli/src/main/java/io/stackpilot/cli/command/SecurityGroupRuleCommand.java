package io.stackpilot.cli.command;

import picocli.CommandLine.Command;

/** {@code stackpilot security-group rule}: the rule commands. */
@Command(name = "rule", description = "Add or delete one rule of a security group.",
        subcommands = {SecurityGroupRuleAddCommand.class, SecurityGroupRuleDeleteCommand.class})
public final class SecurityGroupRuleCommand {
}
