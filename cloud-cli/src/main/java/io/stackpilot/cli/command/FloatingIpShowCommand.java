package io.stackpilot.cli.command;

import io.stackpilot.cli.http.ApiClient;
import io.stackpilot.cli.output.OutputOptions;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code stackpilot floating-ip show ID}: {@code GET /api/v1/floating-ips/{id}}. */
@Command(name = "show", description = "Show one floating IP.")
public final class FloatingIpShowCommand extends BaseCommand {
    @Mixin
    OutputOptions output;

    @Parameters(paramLabel = "ID", description = "Floating IP ID or address.")
    String ip;

    @Override
    public Integer call() {
        ApiClient api = api();
        output.print(out(), ReachViews.floatingIp(api.get("/api/v1/floating-ips/"
                + ApiClient.segment(FloatingIpIds.resolve(api, ip)), Map.of())));
        return 0;
    }
}
