package io.stackpilot.server.logging;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J 2 binding of the daemon (found through {@code META-INF/services}): text or JSON lines on standard
 * output, configured from the environment at start (see {@link LogSettings}). Replaces slf4j-simple, which cannot
 * write JSON; a full logging framework (logback + an encoder) would be ten times the code for the same lines.
 */
public final class StackpilotLogProvider implements SLF4JServiceProvider {
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final ThreadLocalMdc mdc = new ThreadLocalMdc();
    private StackpilotLoggerFactory factory;

    @Override
    public ILoggerFactory getLoggerFactory() {
        return factory;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
        factory = new StackpilotLoggerFactory(LogSettings.fromProcessEnvironment(), mdc);
    }
}
