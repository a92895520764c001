package io.stackpilot.openstack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which clouds and regions are locations. {@code STACKPILOT_CLOUDS}: clouds.yaml entries, comma-separated, in
 * priority order; unset means only the identity cloud ({@code OS_CLOUD} / {@code OS_*}) in its configured region,
 * as before locations existed. {@code STACKPILOT_REGIONS}: per cloud the regions to use, in priority order, as
 * {@code cloud:Region,Region} entries separated by {@code ;} (e.g. {@code lab-east:RegionOne,RegionTwo;lab-west:RegionOne});
 * a cloud without an entry uses every region of its catalog that has a compute endpoint.
 *
 * @param clouds the named clouds; empty for the identity cloud alone
 * @param regions the regions chosen per cloud (a cloud absent here takes its catalog's)
 */
public record LocationSettings(List<String> clouds, Map<String, List<String>> regions) {
    public LocationSettings {
        clouds = List.copyOf(clouds);
        Map<String, List<String>> copy = new LinkedHashMap<>();
        regions.forEach((cloud, names) -> copy.put(cloud, List.copyOf(names)));
        regions = java.util.Collections.unmodifiableMap(copy);
    }

    /** Whether only the identity cloud is a location (no {@code STACKPILOT_CLOUDS}). */
    public boolean identityCloudOnly() {
        return clouds.isEmpty();
    }

    /** Reads both variables; returns null after adding one line per problem to {@code problems}. */
    public static LocationSettings fromEnvironment(Map<String, String> env, List<String> problems) {
        int before = problems.size();
        List<String> clouds = new ArrayList<>();
        for (String name : split(env.get("STACKPILOT_CLOUDS"), ",")) {
            if (clouds.contains(name)) {
                problems.add("STACKPILOT_CLOUDS names cloud '" + name + "' twice");
            } else {
                clouds.add(name);
            }
        }
        Map<String, List<String>> regions = new LinkedHashMap<>();
        for (String entry : split(env.get("STACKPILOT_REGIONS"), ";")) {
            int colon = entry.indexOf(':');
            String cloud = colon < 0 ? entry : entry.substring(0, colon).trim();
            List<String> names = colon < 0 ? List.of() : split(entry.substring(colon + 1), ",");
            if (colon < 1 || names.isEmpty()) {
                problems.add("STACKPILOT_REGIONS: '" + entry + "' is not cloud:Region[,Region...]");
            } else if (!clouds.contains(cloud)) {
                problems.add("STACKPILOT_REGIONS names cloud '" + cloud + "', which is not in STACKPILOT_CLOUDS"
                        + (clouds.isEmpty() ? " (unset)" : " " + clouds));
            } else if (regions.containsKey(cloud)) {
                problems.add("STACKPILOT_REGIONS names cloud '" + cloud + "' twice");
            } else if (names.stream().distinct().count() != names.size()) {
                problems.add("STACKPILOT_REGIONS names a region of cloud '" + cloud + "' twice: " + names);
            } else {
                regions.put(cloud, names);
            }
        }
        return problems.size() > before ? null : new LocationSettings(clouds, regions);
    }

    private static List<String> split(String value, String separator) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return java.util.Arrays.stream(value.split(separator)).map(String::trim).filter(part -> !part.isEmpty())
                .toList();
    }
}
