package io.stackpilot.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackpilot.cli.http.ApiClient;
import io.stackpilot.cli.output.OutputOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code stackpilot floating-ip disassociate ID}: {@code DELETE /api/v1/floating-ips/{id}/association}. */
@Command(name = "disassociate", description = "Remove a floating IP's association with its server.")
public final class FloatingIpDisassociateCommand extends BaseCommand {
    @Mixin
    OutputOptions output;

    @Parameters(paramLabel = "ID", description = "Floating IP ID or address.")
    String ip;

    @Override
    public Integer call() {
        ApiClient api = api();
        JsonNode free = api.delete("/api/v1/floating-ips/" + ApiClient.segment(FloatingIpIds.resolve(api, ip))
                + "/association").body();
        output.print(out(), ReachViews.floatingIp(free));
        return 0;
    }
}
