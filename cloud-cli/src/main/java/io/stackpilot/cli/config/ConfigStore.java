package io.stackpilot.cli.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stackpilot.cli.CliEnvironment;
import io.stackpilot.cli.http.JsonTrees;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes the per-user config file ({@code $STACKPILOT_CONFIG}, else
 * {@code $XDG_CONFIG_HOME/stackpilot/config.json}, else {@code ~/.config/stackpilot/config.json}). The file holds
 * tokens, so it is written atomically with permissions 0600 in a directory created 0700.
 */
public final class ConfigStore {
    private final Path file;

    public ConfigStore(Path file) {
        this.file = file;
    }

    public static ConfigStore forEnvironment(CliEnvironment environment) {
        String explicit = environment.variable("STACKPILOT_CONFIG");
        if (explicit != null) {
            return new ConfigStore(Path.of(explicit));
        }
        String xdg = environment.variable("XDG_CONFIG_HOME");
        Path base = xdg != null ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return new ConfigStore(base.resolve("stackpilot").resolve("config.json"));
    }

    public Path file() {
        return file;
    }

    public CliConfig load() {
        if (!Files.exists(file)) {
            return CliConfig.EMPTY;
        }
        try {
            return fromJson(JsonTrees.parse(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (RuntimeException e) {
            throw new IllegalStateException("config file " + file + " is damaged (" + e.getMessage()
                    + "); remove it and log in again", e);
        }
    }

    public void save(CliConfig config) {
        try {
            Path directory = file.toAbsolutePath().getParent();
            boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
            if (!Files.isDirectory(directory)) {
                if (posix) {
                    Files.createDirectories(directory,
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } else {
                    Files.createDirectories(directory);
                }
            }
            Path temporary = posix
                    ? Files.createTempFile(directory, ".config", ".tmp",
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                    : Files.createTempFile(directory, ".config", ".tmp");
            Files.writeString(temporary, JsonTrees.pretty(toJson(config)) + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    static ObjectNode toJson(CliConfig config) {
        ObjectNode root = JsonTrees.object();
        root.put("current_context", config.currentContext());
        ObjectNode contexts = root.putObject("contexts");
        config.contexts().forEach((name, entry) -> {
            ObjectNode node = contexts.putObject(name);
            node.put("url", entry.url());
            node.put("token", entry.token());
            node.put("expires_at", entry.expiresAt() == null ? null : entry.expiresAt().toString());
            ObjectNode user = node.putObject("user");
            user.put("id", entry.userId());
            user.put("name", entry.userName());
            user.put("domain", entry.userDomain());
            ObjectNode project = node.putObject("project");
            project.put("id", entry.projectId());
            project.put("name", entry.projectName());
            project.put("domain", entry.projectDomain());
            ArrayNode roles = node.putArray("roles");
            entry.roles().forEach(roles::add);
        });
        return root;
    }

    static CliConfig fromJson(JsonNode root) {
        Map<String, ContextEntry> contexts = new LinkedHashMap<>();
        JsonNode nodes = root.path("contexts");
        for (Map.Entry<String, JsonNode> field : nodes.properties()) {
            JsonNode node = field.getValue();
            String expires = JsonTrees.text(node, "expires_at");
            List<String> roles = new ArrayList<>();
            node.path("roles").forEach(role -> roles.add(role.asText()));
            contexts.put(field.getKey(), new ContextEntry(JsonTrees.text(node, "url"), JsonTrees.text(node, "token"),
                    expires == null ? null : Instant.parse(expires),
                    JsonTrees.text(node.path("user"), "name"), JsonTrees.text(node.path("user"), "id"),
                    JsonTrees.text(node.path("user"), "domain"),
                    JsonTrees.text(node.path("project"), "name"), JsonTrees.text(node.path("project"), "id"),
                    JsonTrees.text(node.path("project"), "domain"), roles));
        }
        return new CliConfig(JsonTrees.text(root, "current_context"), contexts);
    }
}
