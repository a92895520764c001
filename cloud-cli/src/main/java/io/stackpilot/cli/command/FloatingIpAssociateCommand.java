package io.stackpilot.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stackpilot.cli.http.ApiClient;
import io.stackpilot.cli.http.JsonTrees;
import io.stackpilot.cli.output.OutputOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code stackpilot floating-ip associate ID SERVER}: {@code PUT /api/v1/floating-ips/{id}/association}. */
@Command(name = "associate", description = "Associate a floating IP with a server.")
public final class FloatingIpAssociateCommand extends BaseCommand {
    @Mixin
    OutputOptions output;

    @Parameters(index = "0", paramLabel = "ID", description = "Floating IP ID or address.")
    String ip;

    @Parameters(index = "1", paramLabel = "SERVER", description = "Server ID or name.")
    String server;

    @Override
    public Integer call() {
        ApiClient api = api();
        ObjectNode body = JsonTrees.object();
        body.put("server_id", JsonFields.text(new Resolver(api).server(server), "id"));
        JsonNode associated = api.put("/api/v1/floating-ips/" + ApiClient.segment(FloatingIpIds.resolve(api, ip))
                + "/association", body).body();
        output.print(out(), ReachViews.floatingIp(associated));
        return 0;
    }
}
