package io.stackpilot.cli.config;

import io.stackpilot.cli.CliEnvironment;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * OpenStack's {@code clouds.yaml}, found where openstacksdk looks: {@code $OS_CLIENT_CONFIG_FILE}, then
 * {@code ./clouds.yaml}, {@code $XDG_CONFIG_HOME/openstack/clouds.yaml} (default {@code ~/.config/openstack}) and
 * {@code /etc/openstack/clouds.yaml} ({@code .yml} too). Only the password credentials of an entry's {@code auth}
 * are read; its {@code auth_url} is Keystone's, not Stackpilot's, so it is not used.
 */
public final class CloudsYaml {
    private CloudsYaml() {
    }

    /** The entry's credentials; a missing file or cloud is a {@link NotFound} that names where it looked. */
    public static OsCredentials credentials(CliEnvironment environment, String cloud) {
        List<Path> candidates = candidates(environment);
        Path file = candidates.stream().filter(Files::isRegularFile).findFirst().orElseThrow(() -> new NotFound(
                "--os-cloud " + cloud + ": no clouds.yaml found (looked at " + join(candidates) + ")"));
        Map<?, ?> clouds = map(load(file).get("clouds"));
        Object entry = clouds.get(cloud);
        if (!(entry instanceof Map<?, ?> found)) {
            throw new NotFound("--os-cloud " + cloud + ": no cloud named '" + cloud + "' in " + file
                    + "; the clouds are: " + String.join(", ", clouds.keySet().stream().map(String::valueOf).toList()));
        }
        Map<?, ?> auth = map(found.get("auth"));
        String domain = text(auth, "domain_name");
        return new OsCredentials("cloud '" + cloud + "' of " + file, text(auth, "username"), text(auth, "password"),
                text(auth, "project_name"), OsCredentials.first(text(auth, "user_domain_name"), domain),
                OsCredentials.first(text(auth, "project_domain_name"), domain));
    }

    static List<Path> candidates(CliEnvironment environment) {
        List<Path> candidates = new ArrayList<>();
        String explicit = environment.variable("OS_CLIENT_CONFIG_FILE");
        if (explicit != null) {
            candidates.add(Path.of(explicit));
        }
        String xdg = environment.variable("XDG_CONFIG_HOME");
        String home = OsCredentials.first(environment.variable("HOME"), System.getProperty("user.home"));
        Path user = xdg != null ? Path.of(xdg, "openstack") : Path.of(home, ".config", "openstack");
        for (Path directory : List.of(Path.of("").toAbsolutePath(), user, Path.of("/etc/openstack"))) {
            candidates.add(directory.resolve("clouds.yaml"));
            candidates.add(directory.resolve("clouds.yml"));
        }
        return candidates;
    }

    private static Map<?, ?> load(Path file) {
        try {
            return map(new Load(LoadSettings.builder().setLabel(file.toString()).build())
                    .loadFromString(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (YamlEngineException e) {
            throw new NotFound(file + " is not valid YAML: " + e.getMessage());
        }
    }

    private static Map<?, ?> map(Object value) {
        return value instanceof Map<?, ?> map ? map : Map.of();
    }

    private static String text(Map<?, ?> map, String key) {
        Object value = map.get(key);
        return value == null ? null : String.valueOf(value);
    }

    private static String join(List<Path> paths) {
        return String.join(", ", paths.stream().map(Path::toString).toList());
    }

    /** No usable clouds.yaml or no such cloud in it: the user's mistake, reported as a usage error. */
    public static final class NotFound extends RuntimeException {
        NotFound(String message) {
            super(message);
        }
    }
}
