package io.stackpilot.server.logging;

import java.io.PrintStream;
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
    private volatile LogSettings settings;

    StackpilotLoggerFactory(LogSettings settings) {
        this.settings = settings;
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

    public LogSettings settings() {
        return settings;
    }

    void write(LogLine line) {
        PrintStream out = System.out;
        out.println(settings.json() ? line.json() : line.text());
    }
}
