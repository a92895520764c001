package io.stackpilot.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackpilot.cli.http.ApiClient;
import io.stackpilot.cli.output.OutputOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code stackpilot server list}: every server, following {@code next_marker} through the pages of the server's
 * default size; with {@code --limit} one page of that size (and the next marker on stderr), unless {@code --all}.
 */
@Command(name = "list", description = "List servers.")
public final class ServerListCommand extends BaseCommand {

    @Mixin
    OutputOptions output;

    @Option(names = "--status", paramLabel = "STATUS", description = "Only servers in this status (e.g. ACTIVE).")
    String status;

    @Option(names = "--name", paramLabel = "NAME", description = "Only servers with this name.")
    String name;

    @Option(names = "--limit", paramLabel = "N", description = "Only one page of at most N servers (see --all).")
    Integer limit;

    @Option(names = "--marker", paramLabel = "ID", description = "Start after the server with this ID.")
    String marker;

    @Option(names = "--all", description = "Follow next_marker and list every page.")
    boolean all;

    @Option(names = "--preemptible", arity = "0..1", paramLabel = "true|false", fallbackValue = "true",
            description = "Only preemptible servers (or, with false, only standard ones).")
    Boolean preemptible;

    @Override
    public Integer call() {
        ApiClient api = api();
        List<JsonNode> servers = new ArrayList<>();
        String next = marker;
        String lastMarker = null;
        // The server answers at most one page (1000 by default); without --limit the list stays complete as before.
        boolean everyPage = all || limit == null;
        do {
            Map<String, Object> query = new LinkedHashMap<>();
            query.put("status", status);
            query.put("name", name);
            query.put("limit", limit);
            query.put("marker", next);
            query.put("preemptible", preemptible);
            JsonNode page = api.get("/api/v1/servers", query);
            page.path("servers").forEach(servers::add);
            lastMarker = JsonFields.text(page, "next_marker");
            next = lastMarker;
        } while (everyPage && next != null);
        output.print(out(), ServerViews.listing(servers));
        if (!everyPage && lastMarker != null) {
            err().println("More servers: --marker " + lastMarker + " (or --all)");
            err().flush();
        }
        return 0;
    }
}
