package io.stackpilot.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackpilot.cli.http.ApiClient;
import io.stackpilot.cli.output.Details;
import io.stackpilot.cli.output.Listing;
import java.util.ArrayList;
import java.util.List;

/** How a managed server's JSON reads in {@code managed-server list} and {@code show}. */
final class ManagedServerViews {
    static final List<String> LIST_COLUMNS = List.of("Name", "Phase", "Managed", "Server ID", "Server Status",
            "Networks", "Flavor", "Image");

    private ManagedServerViews() {
    }

    static String path(String name) {
        return "/api/v1/managed-servers/" + ApiClient.segment(name);
    }

    static Listing listing(List<JsonNode> resources) {
        List<List<Object>> rows = new ArrayList<>();
        for (JsonNode resource : resources) {
            JsonNode status = resource.path("status");
            rows.add(java.util.Arrays.asList(JsonFields.text(resource, "name"), JsonFields.text(status, "phase"),
                    JsonFields.bool(resource, "managed"), JsonFields.text(status, "server_id"),
                    JsonFields.text(status, "server_status"), ServerViews.networks(status),
                    JsonFields.text(resource.path("spec"), "flavor"), JsonFields.text(resource.path("spec"), "image")));
        }
        return new Listing(LIST_COLUMNS, rows);
    }

    /** The list with a Location column: where the engine observed each server ({@code cloud/region}). */
    static Listing locatedListing(List<JsonNode> resources) {
        Listing plain = listing(resources);
        List<String> columns = new ArrayList<>(plain.columns());
        columns.add("Location");
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < resources.size(); i++) {
            List<Object> row = new ArrayList<>(plain.rows().get(i));
            row.add(ServerViews.location(resources.get(i).path("status")));
            rows.add(row);
        }
        return new Listing(columns, rows);
    }

    static Details details(JsonNode resource) {
        JsonNode spec = resource.path("spec");
        JsonNode status = resource.path("status");
        List<String> conditions = new ArrayList<>();
        for (JsonNode condition : status.path("conditions")) {
            conditions.add(JsonFields.text(condition, "type") + "=" + JsonFields.bool(condition, "status") + " ("
                    + JsonFields.text(condition, "reason") + ": " + JsonFields.text(condition, "message") + ")");
        }
        Details details = Details.empty()
                .with("id", JsonFields.text(resource, "id"))
                .with("name", JsonFields.text(resource, "name"))
                .with("phase", JsonFields.text(status, "phase"))
                .with("managed", JsonFields.bool(resource, "managed"))
                .with("reconcile", JsonFields.bool(resource, "reconcile"))
                .with("flavor", JsonFields.text(spec, "flavor"))
                .with("image", JsonFields.text(spec, "image"))
                .with("networks", String.join(", ", texts(spec.path("networks"))))
                .with("preemptible", JsonFields.bool(spec, "preemptible"))
                .with("update_policy", JsonFields.text(spec, "update_policy"))
                .with("generation", JsonFields.number(resource, "generation"))
                .with("observed_generation", JsonFields.number(status, "observed_generation"))
                .with("server_id", JsonFields.text(status, "server_id"))
                .with("server_status", JsonFields.text(status, "server_status"))
                .with("addresses", ServerViews.networks(status))
                .with("location", ServerViews.location(status));
        JsonNode placement = status.path("placement");
        if (placement.isObject()) {
            details = details.with("placement", placed(placement)).with("tried", tried(placement.path("tried")));
        }
        return details.with("conditions", String.join("; ", conditions))
                .with("last_reconciled_at", JsonFields.text(status, "last_reconciled_at"))
                .with("project_id", JsonFields.text(resource, "project_id"));
    }

    /** {@code lab-west/RegionOne (fill-first)}, or {@code none took it (spread)}. */
    private static String placed(JsonNode placement) {
        String location = JsonFields.text(placement, "location");
        return (location == null ? "none took it" : location) + " (" + JsonFields.text(placement, "strategy") + ")";
    }

    /** Each location tried and not used, in order: {@code lab-east/RegionOne at 2026-12-01T10:00:00Z: reason}. */
    private static String tried(JsonNode tried) {
        List<String> lines = new ArrayList<>();
        for (JsonNode one : tried) {
            lines.add(JsonFields.text(one, "location") + " at " + JsonFields.text(one, "at") + ": "
                    + JsonFields.text(one, "reason"));
        }
        return String.join("; ", lines);
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
