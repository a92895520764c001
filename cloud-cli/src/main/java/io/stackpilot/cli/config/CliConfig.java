package io.stackpilot.cli.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The whole config file: named contexts (in file order) and the name of the current one (null when none). */
public record CliConfig(String currentContext, Map<String, ContextEntry> contexts) {

    public static final CliConfig EMPTY = new CliConfig(null, Map.of());

    public CliConfig {
        contexts = Collections.unmodifiableMap(new LinkedHashMap<>(contexts));
    }

    public Optional<ContextEntry> context(String name) {
        return Optional.ofNullable(name == null ? null : contexts.get(name));
    }

    public CliConfig withContext(String name, ContextEntry entry) {
        Map<String, ContextEntry> copy = new LinkedHashMap<>(contexts);
        copy.put(name, entry);
        return new CliConfig(currentContext, copy);
    }

    public CliConfig withCurrent(String name) {
        return new CliConfig(name, contexts);
    }
}
