package io.stackpilot.cli.command;

import io.stackpilot.cli.http.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code stackpilot security-group rule delete GROUP RULE_ID}. */
@Command(name = "delete", description = "Delete one rule of a security group.")
public final class SecurityGroupRuleDeleteCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "GROUP", description = "Security group ID or name.")
    String group;

    @Parameters(index = "1", paramLabel = "RULE", description = "Rule ID (see security-group show).")
    String rule;

    @Override
    public Integer call() {
        ApiClient api = api();
        String id = new Resolver(api).securityGroupId(group);
        api.delete("/api/v1/security-groups/" + ApiClient.segment(id) + "/rules/" + ApiClient.segment(rule));
        return 0;
    }
}
