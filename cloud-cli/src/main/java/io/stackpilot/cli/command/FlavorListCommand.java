package io.stackpilot.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackpilot.cli.output.Listing;
import io.stackpilot.cli.output.OutputOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.Map;

/** {@code stackpilot flavor list}: {@code GET /api/v1/flavors}, columns as {@code openstack flavor list}. */
@Command(name = "list", description = "List flavors.")
public final class FlavorListCommand extends BaseCommand {

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        Listing listing = Listing.of("ID", "Name", "RAM", "Disk", "Ephemeral", "VCPUs", "Is Public");
        for (JsonNode flavor : api().get("/api/v1/flavors", Map.of()).path("flavors")) {
            listing = listing.withRow(JsonFields.text(flavor, "id"), JsonFields.text(flavor, "name"),
                    JsonFields.number(flavor, "ram_mb"), JsonFields.number(flavor, "disk_gb"),
                    JsonFields.number(flavor, "ephemeral_gb"), JsonFields.number(flavor, "vcpus"),
                    JsonFields.bool(flavor, "is_public"));
        }
        output.print(out(), listing);
        return 0;
    }
}
