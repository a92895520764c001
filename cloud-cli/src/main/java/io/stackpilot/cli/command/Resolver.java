package io.stackpilot.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackpilot.cli.CliException;
import io.stackpilot.cli.http.ApiClient;
import io.stackpilot.cli.http.ApiException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * Turns what the user typed (an id or a name) into one resource: an exact id match wins, then an exact name match
 * (servers: a GET by id when the text looks like a UUID, else the list's name filter, then a GET by id).
 * No match is exit 3; a name shared by several resources is exit 4 with the matching ids listed. Each list is
 * fetched at most once per command.
 */
final class Resolver {
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}");

    private final ApiClient api;
    private final Map<String, JsonNode> lists = new HashMap<>();

    Resolver(ApiClient api) {
        this.api = api;
    }

    String flavorId(String idOrName) {
        return JsonFields.text(fromList("flavor", "/api/v1/flavors", "flavors", idOrName), "id");
    }

    String imageId(String idOrName) {
        return JsonFields.text(fromList("image", "/api/v1/images", "images", idOrName), "id");
    }

    String networkId(String idOrName) {
        return JsonFields.text(fromList("network", "/api/v1/networks", "networks", idOrName), "id");
    }

    String securityGroupId(String idOrName) {
        return JsonFields.text(fromList("security group", "/api/v1/security-groups", "security_groups", idOrName),
                "id");
    }

    /** The server's JSON: a GET by id when the text looks like an id, else the name filter of the list. */
    JsonNode server(String idOrName) {
        boolean idLike = UUID.matcher(idOrName).matches();
        if (idLike) {
            JsonNode byId = serverById(idOrName);
            if (byId != null) {
                return byId;
            }
        }
        List<JsonNode> servers = new ArrayList<>();
        String marker = null;
        do {
            Map<String, Object> query = new LinkedHashMap<>();
            query.put("name", idOrName);
            query.put("marker", marker);
            JsonNode page = api.get("/api/v1/servers", query);
            page.path("servers").forEach(servers::add);
            marker = JsonFields.text(page, "next_marker");
        } while (marker != null);
        if (servers.isEmpty() && !idLike) {
            // Ids need not be UUIDs (other clouds, test doubles): a last try as an id before "not found".
            JsonNode byId = serverById(idOrName);
            if (byId != null) {
                return byId;
            }
        }
        return pick("server", servers, idOrName);
    }

    /** The server with this id, or null when the server answers 404 (or 400 for an id it cannot parse). */
    private JsonNode serverById(String id) {
        try {
            return api.get("/api/v1/servers/" + ApiClient.segment(id), Map.of());
        } catch (ApiException e) {
            if (e.status() != 404 && e.status() != 400) {
                throw e;
            }
            return null;
        }
    }

    private JsonNode fromList(String kind, String path, String field, String idOrName) {
        JsonNode list = lists.computeIfAbsent(path, p -> api.get(p, Map.of()).path(field));
        List<JsonNode> items = new ArrayList<>();
        list.forEach(items::add);
        return pick(kind, items, idOrName);
    }

    private static JsonNode pick(String kind, List<JsonNode> items, String idOrName) {
        for (JsonNode item : items) {
            if (idOrName.equals(JsonFields.text(item, "id"))) {
                return item;
            }
        }
        List<JsonNode> named = items.stream().filter(item -> idOrName.equals(JsonFields.text(item, "name"))).toList();
        if (named.isEmpty()) {
            throw CliException.notFound("no " + kind + " with the name or ID '" + idOrName + "'");
        }
        if (named.size() > 1) {
            StringJoiner ids = new StringJoiner(", ");
            named.forEach(item -> ids.add(JsonFields.text(item, "id")));
            throw CliException.invalid("more than one " + kind + " is named '" + idOrName + "' (" + ids
                    + "); use the ID");
        }
        return named.get(0);
    }
}
