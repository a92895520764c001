package io.stackpilot.core.common;

/** Where a cloud resource lives: a configured cloud name and one of its regions. */
public record Location(String cloud, String region) {
    public static final Location DEFAULT = new Location("default", "RegionOne");

    public Location {
        Require.notBlank(cloud, "cloud");
        Require.notBlank(region, "region");
    }
}
