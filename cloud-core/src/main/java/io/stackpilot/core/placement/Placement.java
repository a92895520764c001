package io.stackpilot.core.placement;

import io.stackpilot.core.error.FieldProblem;
import io.stackpilot.core.error.InvalidRequestException;
import io.stackpilot.core.location.ProviderLocation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a managed server may run: the listed locations ({@code cloud/region}, in the caller's order of preference)
 * or any configured location ({@code any}, in priority order), and how to choose among those with room. A spec
 * without a placement runs in the caller's own cloud, as before locations. Stored and shown as the canonical JSON
 * of {@link #toJson()}; {@link #parse} reads that and the API's placement object (a small JSON reader of its own,
 * {@link JsonText}: the core has no JSON library), and {@link #parseStored} also a placement stored before placements
 * existed.
 */
public record Placement(boolean any, List<String> locations, Strategy strategy) {
    private static final List<String> MEMBERS = List.of("locations", "strategy");

    /** How the engine orders the locations that have room. */
    public enum Strategy {
        /** The first location (by the listed order, or priority for {@code any}) with room. */
        FILL_FIRST("fill-first"),
        /** The location with the most free instances (ties by order). */
        SPREAD("spread");

        private final String wireName;

        Strategy(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        /** The strategy of {@code text} (its wire name); null when there is none of that name. */
        public static Strategy parse(String text) {
            for (Strategy strategy : values()) {
                if (strategy.wireName.equals(text)) {
                    return strategy;
                }
            }
            return null;
        }
    }

    public Placement {
        locations = any ? List.of() : List.copyOf(locations);
        if (!any && locations.isEmpty()) {
            throw new IllegalArgumentException("a placement lists at least one location, or is \"any\"");
        }
        if (strategy == null) {
            throw new IllegalArgumentException("strategy must not be null");
        }
    }

    /**
     * The placement of {@code json} (the API's placement object, or the stored canonical JSON), checked against the
     * configured locations; null for null (no placement). Its members are {@code locations} (required) and
     * {@code strategy} (default {@code fill-first}).
     *
     * @throws InvalidRequestException naming every problem: not a JSON object, no locations, an unknown strategy,
     *         each unknown or repeated location (with the configured ones listed), an unknown member
     */
    public static Placement parse(String json, List<ProviderLocation> configured) {
        if (json == null) {
            return null;
        }
        Map<String, Object> members = object(json);
        List<FieldProblem> problems = new ArrayList<>();
        members.keySet().stream().filter(name -> !MEMBERS.contains(name)).forEach(name -> problems.add(
                new FieldProblem("placement." + name, "is not a member of a placement; it has " + MEMBERS)));
        Strategy strategy = Strategy.FILL_FIRST;
        Object strategyValue = members.get("strategy");
        if (strategyValue != null) {
            strategy = strategyValue instanceof String text ? Strategy.parse(text) : null;
            if (strategy == null) {
                problems.add(new FieldProblem("placement.strategy", "must be \"fill-first\" or \"spread\""));
            }
        }
        Object where = members.get("locations");
        boolean any = false;
        List<String> listed = new ArrayList<>();
        if (where == null) {
            problems.add(new FieldProblem("placement.locations", "is required: \"any\" or a list of locations"));
        } else if (where instanceof String text) {
            any = "any".equals(text);
            if (!any) {
                problems.add(new FieldProblem("placement.locations", "must be \"any\" or a list of locations"));
            }
        } else if (where instanceof List<?> items) {
            listed = listed(items, configured, problems);
        } else {
            problems.add(new FieldProblem("placement.locations", "must be \"any\" or a list of locations"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        return new Placement(any, listed, strategy);
    }

    /**
     * The placement a managed server's spec stored, or null when it has none. A placement stored before placement
     * existed (the API then kept any JSON object opaque, e.g. {@code {"region": "RegionOne"}}) has no
     * {@code locations} and also means none: the owner's own cloud, as it did then, so that an upgrade never turns a
     * running resource's spec into a failure.
     *
     * @throws InvalidRequestException as {@link #parse} when a stored placement with locations is no longer valid
     *         (a location it names is no longer configured), or when the stored text is not JSON at all
     */
    public static Placement parseStored(String json, List<ProviderLocation> configured) {
        if (json == null) {
            return null;
        }
        Object stored;
        try {
            stored = JsonText.read(json);
        } catch (IllegalArgumentException notJson) {
            // the API only ever stored a JSON object: this is damage, named as parse names it, never ignored
            return parse(json, configured);
        }
        if (!(stored instanceof Map<?, ?> members) || !members.containsKey("locations")) {
            return null;
        }
        return parse(json, configured);
    }

    private static Map<String, Object> object(String json) {
        Object value;
        try {
            value = JsonText.read(json);
        } catch (IllegalArgumentException notJson) {
            throw InvalidRequestException.of("placement", "is not valid JSON: " + notJson.getMessage());
        }
        if (!(value instanceof Map<?, ?> members)) {
            throw InvalidRequestException.of("placement", "must be a JSON object");
        }
        Map<String, Object> typed = new LinkedHashMap<>();
        members.forEach((name, member) -> typed.put((String) name, member));
        return typed;
    }

    private static List<String> listed(List<?> items, List<ProviderLocation> configured,
                                       List<FieldProblem> problems) {
        List<String> listed = new ArrayList<>();
        for (Object item : items) {
            if (item instanceof String name) {
                listed.add(name);
            } else {
                problems.add(new FieldProblem("placement.locations", "lists locations as \"cloud/region\" strings"));
            }
        }
        List<String> known = configured.stream().map(ProviderLocation::name).toList();
        for (String name : listed) {
            if (!known.contains(name)) {
                problems.add(new FieldProblem("placement.locations", "unknown location \"" + name
                        + "\"; the configured locations are " + known));
            }
        }
        if (items.isEmpty()) {
            problems.add(new FieldProblem("placement.locations", "needs at least one location, or \"any\""));
        } else if (listed.stream().distinct().count() < listed.size()) {
            problems.add(new FieldProblem("placement.locations", "names a location twice"));
        }
        return listed;
    }

    /** The locations to consider, in this placement's order: the listed ones, or every configured one. */
    public List<ProviderLocation> candidates(List<ProviderLocation> configured) {
        if (any) {
            return configured;
        }
        List<ProviderLocation> ordered = new ArrayList<>();
        for (String name : locations) {
            configured.stream().filter(location -> location.name().equals(name)).findFirst().ifPresent(ordered::add);
        }
        return List.copyOf(ordered);
    }

    /** The canonical JSON, as stored and shown. */
    public String toJson() {
        String where = any ? "\"any\"" : "[" + String.join(",", locations.stream().map(JsonText::quote).toList())
                + "]";
        return "{\"locations\":" + where + ",\"strategy\":\"" + strategy.wireName() + "\"}";
    }
}
