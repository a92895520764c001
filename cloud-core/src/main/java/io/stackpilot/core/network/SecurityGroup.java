package io.stackpilot.core.network;

import io.stackpilot.core.common.Location;
import io.stackpilot.core.common.Require;
import java.util.List;

/** A named set of firewall rules of a project, given to servers at boot ({@code security_groups}). */
public record SecurityGroup(String id, String name, String description, String projectId,
                            List<SecurityGroupRule> rules, Location location) {
    public SecurityGroup {
        Require.notBlank(id, "security group id");
        Require.notNull(name, "security group name");
        description = description == null ? "" : description;
        Require.notNull(projectId, "project id");
        rules = List.copyOf(Require.notNull(rules, "rules"));
        Require.notNull(location, "location");
    }
}
