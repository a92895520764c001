package io.stackpilot.cli.command;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stackpilot.cli.http.JsonTrees;
import io.stackpilot.cli.output.OutputOptions;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code stackpilot security-group create NAME [--description TEXT] [--rule SPEC]...}: {@code POST
 * /api/v1/security-groups}; see {@link RuleSpecs} for the rule syntax ({@code tcp:22}, {@code icmp},
 * {@code egress:udp:53@10.0.0.0/8}).
 */
@Command(name = "create", description = "Create a security group with rules.")
public final class SecurityGroupCreateCommand extends BaseCommand {
    @Mixin
    OutputOptions output;

    @Parameters(paramLabel = "NAME", description = "The new group's name.")
    String name;

    @Option(names = "--description", paramLabel = "TEXT", description = "What the group is for.")
    String description;

    @Option(names = "--rule", paramLabel = "SPEC", description = RuleSpecs.DESCRIPTION)
    List<String> rules;

    @Override
    public Integer call() {
        ObjectNode body = JsonTrees.object();
        body.put("name", name);
        if (description != null) {
            body.put("description", description);
        }
        var array = body.putArray("rules");
        for (String rule : rules == null ? List.<String>of() : rules) {
            array.add(RuleSpecs.parse(rule));
        }
        output.print(out(), ReachViews.securityGroup(api().post("/api/v1/security-groups", body, Map.of()).body()));
        return 0;
    }
}
