package io.stackpilot.cli.command;

import io.stackpilot.cli.http.ApiClient;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code stackpilot floating-ip delete ID...}: releases each address (also an associated one). */
@Command(name = "delete", description = "Release floating IPs.")
public final class FloatingIpDeleteCommand extends BaseCommand {
    @Parameters(arity = "1..*", paramLabel = "ID", description = "Floating IP IDs or addresses.")
    List<String> ips;

    @Override
    public Integer call() {
        ApiClient api = api();
        for (String ip : ips) {
            api.delete("/api/v1/floating-ips/" + ApiClient.segment(FloatingIpIds.resolve(api, ip)));
        }
        return 0;
    }
}
