package io.stackpilot.server.daemon;

import java.util.Map;

/**
 * The lab's admin service account, as {@code deploy/openstack-lab/up} creates it (its README: user admin, password
 * admin unless {@code LAB_ADMIN_PASSWORD} says otherwise, project admin, Keystone on 127.0.0.1:5000). Fixed on
 * purpose: the lab ITs must never follow {@code OS_*} variables of the developer's shell to another cloud.
 */
final class LabEnvironment {
    private LabEnvironment() {
    }

    static Map<String, String> serviceAccount() {
        return Map.of("OS_AUTH_URL", "http://127.0.0.1:5000/v3", "OS_USERNAME", "admin",
                "OS_PASSWORD", System.getenv().getOrDefault("LAB_ADMIN_PASSWORD", "admin"), "OS_PROJECT_NAME", "admin",
                "OS_USER_DOMAIN_NAME", "Default", "OS_PROJECT_DOMAIN_NAME", "Default",
                "OS_REGION_NAME", "RegionOne", "OS_INTERFACE", "public");
    }
}
