package io.stackpilot.server.logging;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.event.Level;

/**
 * How the daemon logs: the line format ({@code STACKPILOT_LOG_FORMAT}: text or json), the level of every logger
 * ({@code STACKPILOT_LOG_LEVEL}, default info) and per-logger overrides ({@code STACKPILOT_LOG_LEVELS}, e.g.
 * {@code org.eclipse.jetty=debug,io.stackpilot.server.jobs=debug}; the longest matching prefix wins). Libraries that
 * are chatty at info (the embedded PostgreSQL, Jetty, Liquibase, HikariCP) start at warn unless overridden.
 */
public record LogSettings(boolean json, Level rootLevel, Map<String, Level> overrides) {
    static final Map<String, Level> QUIET_BY_DEFAULT = Map.of(
            "io.zonky", Level.WARN, "org.eclipse.jetty", Level.WARN, "liquibase", Level.WARN,
            "com.zaxxer.hikari", Level.WARN, "org.postgresql", Level.WARN);

    public LogSettings {
        overrides = Map.copyOf(overrides);
    }

    public static LogSettings defaults() {
        return new LogSettings(false, Level.INFO, QUIET_BY_DEFAULT);
    }

    /**
     * Reads the settings (the only parser of these variables); a format or level that cannot be read adds a problem
     * (naming the variable, never its value) and falls back to text or info.
     */
    public static LogSettings fromEnvironment(Map<String, String> env, List<String> problems) {
        String format = env.getOrDefault("STACKPILOT_LOG_FORMAT", "text").trim().toLowerCase(Locale.ROOT);
        if (!format.isEmpty() && !format.equals("text") && !format.equals("json")) {
            problems.add("STACKPILOT_LOG_FORMAT must be one of [text, json]");
        }
        Level root = level(env.get("STACKPILOT_LOG_LEVEL"), Level.INFO, "STACKPILOT_LOG_LEVEL", problems);
        Map<String, Level> overrides = new LinkedHashMap<>(QUIET_BY_DEFAULT);
        String list = env.getOrDefault("STACKPILOT_LOG_LEVELS", "");
        for (String entry : list.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int equals = entry.indexOf('=');
            if (equals <= 0) {
                problems.add("STACKPILOT_LOG_LEVELS must be a comma-separated list of logger=level");
                continue;
            }
            overrides.put(entry.substring(0, equals).trim(),
                    level(entry.substring(equals + 1), Level.INFO, "STACKPILOT_LOG_LEVELS", problems));
        }
        return new LogSettings(format.equals("json"), root, overrides);
    }

    /** Settings from the process environment, problems ignored (the daemon reports them when it reads its config). */
    static LogSettings fromProcessEnvironment() {
        return fromEnvironment(System.getenv(), new ArrayList<>());
    }

    /** The level of the logger with this name: the longest configured prefix (at a dot), else the root level. */
    public Level levelOf(String loggerName) {
        return overrides.entrySet().stream()
                .filter(e -> loggerName.equals(e.getKey()) || loggerName.startsWith(e.getKey() + "."))
                .max(Comparator.comparingInt(e -> e.getKey().length()))
                .map(Map.Entry::getValue).orElse(rootLevel);
    }

    private static Level level(String value, Level fallback, String name, List<String> problems) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Level.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            problems.add(name + " levels must be one of [error, warn, info, debug, trace]");
            return fallback;
        }
    }
}
