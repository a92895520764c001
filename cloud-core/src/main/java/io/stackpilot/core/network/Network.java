package io.stackpilot.core.network;

import io.stackpilot.core.common.Location;
import io.stackpilot.core.common.Require;
import java.util.List;

/** A network a server can be attached to, with its subnets. */
public record Network(String id, String name, String status, boolean shared, boolean external, List<Subnet> subnets,
                      Location location) {
    public Network {
        Require.notBlank(id, "network id");
        Require.notNull(name, "network name");
        Require.notNull(status, "network status");
        subnets = List.copyOf(Require.notNull(subnets, "subnets"));
        Require.notNull(location, "location");
    }
}
