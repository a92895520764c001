package io.stackpilot.cli.command;

import io.stackpilot.cli.output.OutputOptions;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code stackpilot security-group list}: {@code GET /api/v1/security-groups}, rules one per line. */
@Command(name = "list", description = "List the project's security groups.")
public final class SecurityGroupListCommand extends BaseCommand {
    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        output.print(out(), ReachViews.securityGroups(api().get("/api/v1/security-groups", Map.of())));
        return 0;
    }
}
