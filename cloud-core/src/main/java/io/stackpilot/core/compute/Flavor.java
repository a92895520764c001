package io.stackpilot.core.compute;

import io.stackpilot.core.common.Location;
import io.stackpilot.core.common.Require;

/** A hardware template a server can be launched with. */
public record Flavor(String id, String name, int vcpus, int ramMb, int diskGb, int ephemeralGb, boolean isPublic,
                     Location location) {
    public Flavor {
        Require.notBlank(id, "flavor id");
        Require.notNull(name, "flavor name");
        Require.notNegative(vcpus, "vcpus");
        Require.notNegative(ramMb, "ramMb");
        Require.notNegative(diskGb, "diskGb");
        Require.notNegative(ephemeralGb, "ephemeralGb");
        Require.notNull(location, "location");
    }
}
