package io.stackpilot.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackpilot.cli.http.ApiClient;
import io.stackpilot.cli.output.OutputOptions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code stackpilot managed-server list}: every managed server of the project, following the pages; with
 * {@code --location} those of the chosen locations, with a Location column (where the engine observed the server).
 */
@Command(name = "list", description = "List managed servers.")
public final class ManagedServerListCommand extends BaseCommand {

    @Mixin
    OutputOptions output;

    @Option(names = "--location", paramLabel = "all|CLOUD/REGION",
            description = "The managed servers of every location (all, with those not placed yet) or of one"
                    + " (cloud/region), with a Location column; an unavailable location is named on stderr.")
    String location;

    @Override
    public Integer call() {
        ApiClient api = api();
        List<JsonNode> resources = new ArrayList<>();
        Set<String> unavailable = new LinkedHashSet<>();
        String next = null;
        do {
            Map<String, Object> query = new LinkedHashMap<>();
            query.put("location", location);
            query.put("marker", next);
            JsonNode page = api.get("/api/v1/managed-servers", query);
            page.path("managed_servers").forEach(resources::add);
            for (JsonNode down : page.path("unavailable")) {
                unavailable.add("Location " + JsonFields.text(down, "location") + " unavailable: "
                        + JsonFields.text(down, "reason"));
            }
            next = JsonFields.text(page, "next_marker");
        } while (next != null);
        output.print(out(), location == null ? ManagedServerViews.listing(resources)
                : ManagedServerViews.locatedListing(resources));
        unavailable.forEach(line -> err().println(line));
        err().flush();
        return 0;
    }
}
