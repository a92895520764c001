package io.stackpilot.openstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one cloud's entry from {@code clouds.yaml} (and {@code secure.yaml}, merged over it) where
 * python-openstackclient looks: {@code OS_CLIENT_CONFIG_FILE}, the working directory,
 * {@code ~/.config/openstack/}, {@code /etc/openstack/}. Returns the entry flattened into the {@code OS_*}
 * variable names it stands for, so that one code path validates both sources.
 */
final class CloudsYaml {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Map<String, String> AUTH_KEYS = Map.ofEntries(
            Map.entry("auth_url", "OS_AUTH_URL"), Map.entry("username", "OS_USERNAME"),
            Map.entry("password", "OS_PASSWORD"), Map.entry("project_name", "OS_PROJECT_NAME"),
            Map.entry("project_id", "OS_PROJECT_ID"), Map.entry("user_domain_name", "OS_USER_DOMAIN_NAME"),
            Map.entry("user_domain_id", "OS_USER_DOMAIN_ID"), Map.entry("project_domain_name", "OS_PROJECT_DOMAIN_NAME"),
            Map.entry("project_domain_id", "OS_PROJECT_DOMAIN_ID"), Map.entry("domain_id", "OS_DOMAIN_ID"),
            Map.entry("domain_name", "OS_DOMAIN_NAME"), Map.entry("tenant_name", "OS_PROJECT_NAME"),
            Map.entry("tenant_id", "OS_PROJECT_ID"),
            Map.entry("application_credential_id", "OS_APPLICATION_CREDENTIAL_ID"),
            Map.entry("application_credential_secret", "OS_APPLICATION_CREDENTIAL_SECRET"));
    private static final Map<String, String> TOP_KEYS = Map.of("region_name", "OS_REGION_NAME",
            "interface", "OS_INTERFACE", "auth_type", "OS_AUTH_TYPE", "cacert", "OS_CACERT", "verify", "OS_VERIFY",
            "insecure", "OS_INSECURE", "compute_endpoint_override", "OS_COMPUTE_ENDPOINT_OVERRIDE");

    private CloudsYaml() {
    }

    /** The cloud's settings as OS_* names; null after adding to {@code problems} when it cannot be read. */
    static Map<String, String> load(String cloud, Map<String, String> env, List<String> problems) {
        return load(cloud, "OS_CLOUD", env, problems);
    }

    /** As {@link #load(String, Map, List)}, the problems naming {@code variable} as where the cloud was named. */
    static Map<String, String> load(String cloud, String variable, Map<String, String> env, List<String> problems) {
        List<Path> candidates = candidates(env, "OS_CLIENT_CONFIG_FILE", "clouds.yaml");
        Path file = candidates.stream().filter(Files::isRegularFile).findFirst().orElse(null);
        if (file == null) {
            problems.add(variable + (variable.equals("OS_CLOUD") ? " is '" : " names '") + cloud
                    + "' but no clouds.yaml was found (looked at " + candidates + ")");
            return null;
        }
        JsonNode entry = cloudEntry(file, cloud, variable, problems);
        if (entry == null) {
            return null;
        }
        Path secure = candidates(env, "OS_CLIENT_SECURE_FILE", "secure.yaml").stream()
                .filter(Files::isRegularFile).findFirst().orElse(null);
        if (secure != null) {
            JsonNode secrets = read(secure, problems);
            if (secrets == null) {
                return null;
            }
            JsonNode secret = secrets.path("clouds").path(cloud);
            if (secret.isObject()) {
                merge((ObjectNode) entry, secret);
            }
        }
        return flatten(entry);
    }

    private static JsonNode cloudEntry(Path file, String cloud, String variable, List<String> problems) {
        JsonNode root = read(file, problems);
        if (root == null) {
            return null;
        }
        JsonNode entry = root.path("clouds").path(cloud);
        if (!entry.isObject()) {
            problems.add("cloud '" + cloud + "' (" + variable + ") is not defined in " + file);
            return null;
        }
        return entry.deepCopy();
    }

    private static JsonNode read(Path file, List<String> problems) {
        try {
            JsonNode root = YAML.readTree(file.toFile());
            if (root == null || !root.isObject()) {
                problems.add(file + " is not a YAML mapping");
                return null;
            }
            return root;
        } catch (IOException unreadable) {
            problems.add("cannot read " + file + ": " + unreadable.getMessage().lines().findFirst().orElse(""));
            return null;
        }
    }

    private static List<Path> candidates(Map<String, String> env, String variable, String name) {
        List<Path> paths = new ArrayList<>();
        String explicit = env.get(variable);
        if (explicit != null && !explicit.isBlank()) {
            paths.add(Path.of(explicit));
        }
        paths.add(Path.of(System.getProperty("user.dir"), name));
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        paths.add(Path.of(home, ".config", "openstack", name));
        paths.add(Path.of("/etc/openstack", name));
        return paths;
    }

    private static void merge(ObjectNode target, JsonNode overlay) {
        for (Map.Entry<String, JsonNode> field : overlay.properties()) {
            JsonNode existing = target.get(field.getKey());
            if (existing instanceof ObjectNode object && field.getValue().isObject()) {
                merge(object, field.getValue());
            } else {
                target.set(field.getKey(), field.getValue());
            }
        }
    }

    private static Map<String, String> flatten(JsonNode entry) {
        Map<String, String> values = new LinkedHashMap<>();
        entry.path("auth").properties().forEach(field -> {
            String name = AUTH_KEYS.get(field.getKey());
            if (name != null && field.getValue().isValueNode()) {
                values.put(name, field.getValue().asText());
            }
        });
        TOP_KEYS.forEach((key, name) -> {
            if (entry.path(key).isValueNode()) {
                values.put(name, entry.get(key).asText());
            }
        });
        return values;
    }
}
