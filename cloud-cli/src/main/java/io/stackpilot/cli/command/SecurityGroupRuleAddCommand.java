package io.stackpilot.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackpilot.cli.http.ApiClient;
import io.stackpilot.cli.output.OutputOptions;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code stackpilot security-group rule add GROUP SPEC}: {@code POST /api/v1/security-groups/{id}/rules}. */
@Command(name = "add", description = "Add a rule to a security group.")
public final class SecurityGroupRuleAddCommand extends BaseCommand {
    @Mixin
    OutputOptions output;

    @Parameters(index = "0", paramLabel = "GROUP", description = "Security group ID or name.")
    String group;

    @Parameters(index = "1", paramLabel = "SPEC", description = RuleSpecs.DESCRIPTION)
    String rule;

    @Override
    public Integer call() {
        ApiClient api = api();
        String id = new Resolver(api).securityGroupId(group);
        JsonNode added = api.post("/api/v1/security-groups/" + ApiClient.segment(id) + "/rules",
                RuleSpecs.parse(rule), Map.of()).body();
        output.print(out(), ReachViews.rule(added));
        return 0;
    }
}
