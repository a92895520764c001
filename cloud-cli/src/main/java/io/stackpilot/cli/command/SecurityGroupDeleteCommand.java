package io.stackpilot.cli.command;

import io.stackpilot.cli.http.ApiClient;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code stackpilot security-group delete GROUP...}: deletes each group (409 while a server uses it). */
@Command(name = "delete", description = "Delete security groups.")
public final class SecurityGroupDeleteCommand extends BaseCommand {
    @Parameters(arity = "1..*", paramLabel = "GROUP", description = "Security group IDs or names.")
    List<String> groups;

    @Override
    public Integer call() {
        ApiClient api = api();
        Resolver resolver = new Resolver(api);
        for (String group : groups) {
            api.delete("/api/v1/security-groups/" + ApiClient.segment(resolver.securityGroupId(group)));
        }
        return 0;
    }
}
