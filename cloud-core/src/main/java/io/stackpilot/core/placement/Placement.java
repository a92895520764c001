package io.stackpilot.core.placement;

import io.stackpilot.core.error.FieldProblem;
import io.stackpilot.core.error.InvalidRequestException;
import io.stackpilot.core.location.ProviderLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a managed server may run: the listed locations ({@code cloud/region}, in the caller's order of preference)
 * or any configured location ({@code any}, in priority order), and how to choose among those with room. A spec
 * without a placement runs in the caller's own cloud, as before locations. Stored and shown as the canonical JSON
 * of {@link #toJson()}; {@link #parse} reads that and the compact JSON of the API's body.
 */
public record Placement(boolean any, List<String> locations, Strategy strategy) {
    private static final Pattern STRATEGY = Pattern.compile("\"strategy\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern ANY = Pattern.compile("\"locations\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern LIST = Pattern.compile("\"locations\"\\s*:\\s*\\[([^\\]]*)\\]");
    private static final Pattern ITEM = Pattern.compile("\"([^\"]*)\"");

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
     * The placement of {@code json}, checked against the configured locations; null for null (no placement).
     *
     * @throws InvalidRequestException naming every problem: no locations, an unknown strategy, each unknown or
     *         repeated location (with the configured ones listed)
     */
    public static Placement parse(String json, List<ProviderLocation> configured) {
        if (json == null) {
            return null;
        }
        List<FieldProblem> problems = new ArrayList<>();
        Strategy strategy = Strategy.FILL_FIRST;
        Matcher strategyText = STRATEGY.matcher(json);
        if (strategyText.find()) {
            strategy = Strategy.parse(strategyText.group(1));
            if (strategy == null) {
                problems.add(new FieldProblem("placement.strategy", "must be \"fill-first\" or \"spread\""));
            }
        }
        boolean any = false;
        List<String> listed = new ArrayList<>();
        Matcher anyText = ANY.matcher(json);
        Matcher listText = LIST.matcher(json);
        if (anyText.find()) {
            any = "any".equals(anyText.group(1));
            if (!any) {
                problems.add(new FieldProblem("placement.locations", "must be \"any\" or a list of locations"));
            }
        } else if (listText.find()) {
            Matcher item = ITEM.matcher(listText.group(1));
            while (item.find()) {
                listed.add(item.group(1));
            }
            List<String> known = configured.stream().map(ProviderLocation::name).toList();
            for (String name : listed) {
                if (!known.contains(name)) {
                    problems.add(new FieldProblem("placement.locations", "unknown location \"" + name
                            + "\"; the configured locations are " + known));
                }
            }
            if (listed.isEmpty()) {
                problems.add(new FieldProblem("placement.locations", "needs at least one location, or \"any\""));
            } else if (listed.stream().distinct().count() < listed.size()) {
                problems.add(new FieldProblem("placement.locations", "names a location twice"));
            }
        } else {
            problems.add(new FieldProblem("placement.locations", "is required: \"any\" or a list of locations"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        return new Placement(any, listed, strategy);
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
        String where = any ? "\"any\"" : "[" + String.join(",", locations.stream()
                .map(name -> "\"" + name + "\"").toList()) + "]";
        return "{\"locations\":" + where + ",\"strategy\":\"" + strategy.wireName() + "\"}";
    }
}
