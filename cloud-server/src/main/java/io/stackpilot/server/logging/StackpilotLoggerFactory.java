package io.stackpilot.server.logging;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;

/**
 * Creates the loggers and writes their lines to standard output (looked up at each write, so a test can capture
 * it), one {@code println} per event so that concurrent lines never interleave. Thread-safe.
 */
public final class StackpilotLoggerFactory implements ILoggerFactory {
    private final ConcurrentMap<String, StackpilotLogger> loggers = new ConcurrentHashMap<>();
    private final ThreadLocalMdc mdc;
    private volatile LogSettings settings;
    private volatile Map<String, String> processFields = Map.of();

    StackpilotLoggerFactory(LogSettings settings, ThreadLocalMdc mdc) {
        this.settings = settings;
        this.mdc = mdc;
    }

    @Override
    public Logger getLogger(String name) {
        return loggers.computeIfAbsent(name, key -> new StackpilotLogger(key, this, settings.levelOf(key)));
    }

    /** Applies new settings to every logger, existing and future. */
    public synchronized void configure(LogSettings newSettings) {
        this.settings = newSettings;
        loggers.values().forEach(logger -> logger.setLevel(newSettings.levelOf(logger.getName())));
    }

    /**
     * A field on every line of the process from now on (e.g. {@code replica}), also on lines of threads that no
     * request or job labels; a key in the thread's MDC with the same name wins.
     */
    public synchronized void processField(String key, String value) {
        Map<String, String> next = new LinkedHashMap<>(processFields);
        next.put(key, value);
        processFields = Map.copyOf(next);
    }

    /** The fields of a line logged now on this thread: the process's, then the thread's MDC. */
    Map<String, String> fields() {
        Map<String, String> local = mdc.current();
        if (processFields.isEmpty()) {
            return local;
        }
        Map<String, String> all = new LinkedHashMap<>(processFields);
        all.putAll(local);
        return all;
    }

    public LogSettings settings() {
        return settings;
    }

    void write(LogLine line) {
        PrintStream out = System.out;
        out.println(settings.json() ? line.json() : line.text());
    }
}
