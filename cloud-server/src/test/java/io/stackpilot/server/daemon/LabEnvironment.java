package io.stackpilot.server.daemon;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The lab's admin service account: the {@code OS_*} exports of {@code /tmp/lab.env} (written by
 * {@code deploy/openstack-lab/up}) over the lab's documented defaults.
 */
final class LabEnvironment {
    static final Path LAB_ENV = Path.of("/tmp/lab.env");
    private static final Set<String> PASSED = Set.of("OS_AUTH_URL", "OS_USERNAME", "OS_PASSWORD", "OS_PROJECT_NAME",
            "OS_USER_DOMAIN_NAME", "OS_PROJECT_DOMAIN_NAME", "OS_REGION_NAME", "OS_INTERFACE");

    private LabEnvironment() {
    }

    static Map<String, String> serviceAccount() {
        Map<String, String> env = new HashMap<>(Map.of("OS_AUTH_URL", "http://127.0.0.1:5000/v3",
                "OS_USERNAME", "admin", "OS_PASSWORD", "admin", "OS_PROJECT_NAME", "admin",
                "OS_USER_DOMAIN_NAME", "Default", "OS_PROJECT_DOMAIN_NAME", "Default",
                "OS_REGION_NAME", "RegionOne", "OS_INTERFACE", "public"));
        if (Files.isReadable(LAB_ENV)) {
            try {
                for (String line : Files.readAllLines(LAB_ENV)) {
                    String assignment = line.strip().replaceFirst("^export\\s+", "");
                    int equals = assignment.indexOf('=');
                    if (equals > 0 && PASSED.contains(assignment.substring(0, equals))) {
                        env.put(assignment.substring(0, equals), unquote(assignment.substring(equals + 1)));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return env;
    }

    private static String unquote(String value) {
        boolean quoted = value.length() >= 2 && (value.startsWith("'") && value.endsWith("'")
                || value.startsWith("\"") && value.endsWith("\""));
        return quoted ? value.substring(1, value.length() - 1) : value;
    }
}
