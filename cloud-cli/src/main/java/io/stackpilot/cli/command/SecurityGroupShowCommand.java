package io.stackpilot.cli.command;

import io.stackpilot.cli.http.ApiClient;
import io.stackpilot.cli.output.OutputOptions;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code stackpilot security-group show GROUP}: one group with its rules. */
@Command(name = "show", description = "Show one security group.")
public final class SecurityGroupShowCommand extends BaseCommand {
    @Mixin
    OutputOptions output;

    @Parameters(paramLabel = "GROUP", description = "Security group ID or name.")
    String group;

    @Override
    public Integer call() {
        ApiClient api = api();
        String id = new Resolver(api).securityGroupId(group);
        output.print(out(), ReachViews.securityGroup(api.get("/api/v1/security-groups/" + ApiClient.segment(id),
                Map.of())));
        return 0;
    }
}
