package io.stackpilot.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackpilot.cli.output.Listing;
import io.stackpilot.cli.output.OutputOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code stackpilot network list}: {@code GET /api/v1/networks}; Subnets lists each subnet's CIDR. */
@Command(name = "list", description = "List networks.")
public final class NetworkListCommand extends BaseCommand {

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        Listing listing = Listing.of("ID", "Name", "Status", "Shared", "External", "Subnets");
        for (JsonNode network : api().get("/api/v1/networks", Map.of()).path("networks")) {
            List<Object> subnets = new ArrayList<>();
            network.path("subnets").forEach(subnet -> subnets.add(JsonFields.text(subnet, "cidr")));
            listing = listing.withRow(JsonFields.text(network, "id"), JsonFields.text(network, "name"),
                    JsonFields.text(network, "status"), JsonFields.bool(network, "shared"),
                    JsonFields.bool(network, "external"), subnets);
        }
        output.print(out(), listing);
        return 0;
    }
}
