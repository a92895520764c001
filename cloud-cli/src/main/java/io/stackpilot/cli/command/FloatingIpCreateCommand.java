package io.stackpilot.cli.command;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stackpilot.cli.http.ApiClient;
import io.stackpilot.cli.http.JsonTrees;
import io.stackpilot.cli.output.OutputOptions;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code stackpilot floating-ip create [--network NET] [--server SERVER]}: {@code POST /api/v1/floating-ips}; with
 * a server the new address is associated with it (the server must be ACTIVE).
 */
@Command(name = "create", description = "Allocate a floating IP, optionally for a server.")
public final class FloatingIpCreateCommand extends BaseCommand {
    @Mixin
    OutputOptions output;

    @Option(names = "--network", paramLabel = "NETWORK",
            description = "External network ID or name (default: the only external network).")
    String network;

    @Option(names = "--server", paramLabel = "SERVER", description = "Associate it with this server (ID or name).")
    String server;

    @Override
    public Integer call() {
        ApiClient api = api();
        Resolver resolver = new Resolver(api);
        ObjectNode body = JsonTrees.object();
        if (network != null) {
            body.put("floating_network_id", resolver.networkId(network));
        }
        if (server != null) {
            body.put("server_id", JsonFields.text(resolver.server(server), "id"));
        }
        output.print(out(), ReachViews.floatingIp(api.post("/api/v1/floating-ips", body, Map.of()).body()));
        return 0;
    }
}
