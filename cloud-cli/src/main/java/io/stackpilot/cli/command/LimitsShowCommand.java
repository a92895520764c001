package io.stackpilot.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackpilot.cli.output.Listing;
import io.stackpilot.cli.output.OutputOptions;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code stackpilot limits show}: one row per resource with its limit (-1: unlimited), use and what is left. */
@Command(name = "show", description = "Show the project's quota and use (instances, cores, RAM, floating IPs, "
        + "security groups); a limit of -1 means unlimited.")
public final class LimitsShowCommand extends BaseCommand {
    private static final List<String> RESOURCES = List.of("instances", "cores", "ram_mb", "floating_ips",
            "security_groups");

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        JsonNode limits = api().get("/api/v1/limits", Map.of());
        Listing listing = Listing.of("Resource", "Limit", "Used", "Free");
        for (String resource : RESOURCES) {
            JsonNode usage = limits.path(resource);
            long limit = usage.path("limit").asLong(-1);
            long used = usage.path("used").asLong(0);
            listing = listing.withRow(resource, limit, used, limit < 0 ? null : Math.max(0, limit - used));
        }
        output.print(out(), listing);
        return 0;
    }
}
