package io.stackpilot.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackpilot.cli.output.Listing;
import io.stackpilot.cli.output.OutputOptions;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code stackpilot location list}: one row per location in priority order, with its availability and the instances,
 * cores and RAM its service account uses of its quota (used/max; -1: unlimited), or why it is unavailable.
 */
@Command(name = "list", description = "List the locations (cloud/region) in priority order with their "
        + "availability and instance, core and RAM use of the quota (used/max, -1: unlimited).")
public final class LocationListCommand extends BaseCommand {
    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        JsonNode answer = api().get("/api/v1/locations", Map.of());
        Listing listing = Listing.of("Location", "Priority", "Available", "Instances", "Cores", "RAM MB", "Reason");
        for (JsonNode location : answer.path("locations")) {
            JsonNode limits = location.path("limits");
            listing = listing.withRow(location.path("name").asText(), location.path("priority").asInt(),
                    location.path("available").asBoolean(), usage(limits.path("instances")),
                    usage(limits.path("cores")), usage(limits.path("ram_mb")),
                    location.path("unavailable_reason").isTextual() ? location.get("unavailable_reason").asText()
                            : null);
        }
        output.print(out(), listing);
        return 0;
    }

    private static String usage(JsonNode usage) {
        return usage.isObject() ? usage.path("used").asLong() + "/" + usage.path("limit").asLong() : null;
    }
}
