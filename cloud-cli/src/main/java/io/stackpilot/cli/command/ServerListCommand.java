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

    @Option(names = "--location", paramLabel = "all|CLOUD/REGION",
            description = "The servers of every location (all) or of one (cloud/region), with a Location column;"
                    + " a location that does not answer is named on stderr.")
    String location;

    @Override
    public Integer call() {
        if (location != null) {
            return listAcross(api());
        }
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

    /**
     * {@code --location}: one answer across the locations; without {@code --limit} (or with {@code --all}) each
     * location that had more is followed with its own next marker, asked of that location alone.
     */
    private Integer listAcross(ApiClient api) {
        List<JsonNode> servers = new ArrayList<>();
        List<String> unavailable = new ArrayList<>();
        Map<String, String> more = new LinkedHashMap<>();
        boolean everyPage = all || limit == null;
        JsonNode first = api.get("/api/v1/servers", query(location, marker));
        collect(first, servers, unavailable, more);
        while (everyPage && !more.isEmpty()) {
            Map.Entry<String, String> next = more.entrySet().iterator().next();
            more.remove(next.getKey());
            collect(api.get("/api/v1/servers", query(next.getKey(), next.getValue())), servers, unavailable, more);
        }
        output.print(out(), ServerViews.locatedListing(servers));
        unavailable.forEach(line -> err().println(line));
        more.forEach((where, next) -> err().println("More servers in " + where + ": --location " + where
                + " --marker " + next + " (or --all)"));
        err().flush();
        return 0;
    }

    private Map<String, Object> query(String where, String from) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("location", where);
        query.put("status", status);
        query.put("name", name);
        query.put("limit", limit);
        query.put("marker", from);
        query.put("preemptible", preemptible);
        return query;
    }

    private static void collect(JsonNode page, List<JsonNode> servers, List<String> unavailable,
                                Map<String, String> more) {
        page.path("servers").forEach(servers::add);
        for (JsonNode down : page.path("unavailable")) {
            unavailable.add("Location " + JsonFields.text(down, "location") + " unavailable: "
                    + JsonFields.text(down, "reason"));
        }
        page.path("next_markers").fields().forEachRemaining(entry -> more.put(entry.getKey(),
                entry.getValue().asText()));
    }
}
