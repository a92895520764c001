package io.stackpilot.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackpilot.cli.output.Details;
import io.stackpilot.cli.output.Listing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How a server's JSON reads in {@code server list} (openstack's columns) and {@code server show} (fields). */
final class ServerViews {
    static final List<String> LIST_COLUMNS = List.of("ID", "Name", "Status", "Networks", "Image", "Flavor",
            "Preemptible");

    private ServerViews() {
    }

    static Listing listing(List<JsonNode> servers) {
        List<List<Object>> rows = new ArrayList<>();
        for (JsonNode server : servers) {
            List<Object> row = new ArrayList<>();
            row.add(JsonFields.text(server, "id"));
            row.add(JsonFields.text(server, "name"));
            row.add(JsonFields.text(server, "status"));
            row.add(networks(server));
            row.add(JsonFields.text(server.path("image"), "name"));
            row.add(JsonFields.text(server.path("flavor"), "name"));
            row.add(JsonFields.bool(server, "preemptible"));
            rows.add(row);
        }
        return new Listing(LIST_COLUMNS, rows);
    }

    /** The list with a Location column ({@code cloud/region}), as {@code --location} shows it. */
    static Listing locatedListing(List<JsonNode> servers) {
        Listing plain = listing(servers);
        List<String> columns = new ArrayList<>(plain.columns());
        columns.add("Location");
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < servers.size(); i++) {
            List<Object> row = new ArrayList<>(plain.rows().get(i));
            row.add(location(servers.get(i)));
            rows.add(row);
        }
        return new Listing(columns, rows);
    }

    /** {@code cloud/region} of a JSON object with those two fields; null when it has none. */
    static String location(JsonNode located) {
        String cloud = JsonFields.text(located, "cloud");
        String region = JsonFields.text(located, "region");
        return cloud == null || region == null ? null : cloud + "/" + region;
    }

    static Details details(JsonNode server) {
        return Details.empty()
                .with("id", JsonFields.text(server, "id"))
                .with("name", JsonFields.text(server, "name"))
                .with("status", JsonFields.text(server, "status"))
                .with("addresses", networks(server))
                .with("flavor", nameAndId(server.path("flavor")))
                .with("image", nameAndId(server.path("image")))
                .with("project_id", JsonFields.text(server, "project_id"))
                .with("created_at", JsonFields.text(server, "created_at"))
                .with("preemptible", JsonFields.bool(server, "preemptible"));
    }

    /** Addresses grouped by network, as openstack prints them: {@code private=10.0.0.5, fd00::5; public=...}. */
    static Map<String, List<String>> networks(JsonNode server) {
        Map<String, List<String>> networks = new LinkedHashMap<>();
        for (JsonNode address : server.path("addresses")) {
            networks.computeIfAbsent(JsonFields.text(address, "network"), n -> new ArrayList<>())
                    .add(JsonFields.text(address, "ip"));
        }
        return networks;
    }

    private static String nameAndId(JsonNode reference) {
        if (reference.isMissingNode() || reference.isNull()) {
            return null;
        }
        String name = JsonFields.text(reference, "name");
        String id = JsonFields.text(reference, "id");
        return name == null ? id : name + " (" + id + ")";
    }
}
