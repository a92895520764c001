package io.stackpilot.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackpilot.cli.http.ApiClient;
import io.stackpilot.cli.output.OutputOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code stackpilot managed-server list}: every managed server of the project, following the pages. */
@Command(name = "list", description = "List managed servers.")
public final class ManagedServerListCommand extends BaseCommand {

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        ApiClient api = api();
        List<JsonNode> resources = new ArrayList<>();
        String next = null;
        do {
            Map<String, Object> query = new LinkedHashMap<>();
            query.put("marker", next);
            JsonNode page = api.get("/api/v1/managed-servers", query);
            page.path("managed_servers").forEach(resources::add);
            next = JsonFields.text(page, "next_marker");
        } while (next != null);
        output.print(out(), ManagedServerViews.listing(resources));
        return 0;
    }
}
