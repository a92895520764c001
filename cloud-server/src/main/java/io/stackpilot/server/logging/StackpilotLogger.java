package io.stackpilot.server.logging;

import java.time.Instant;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** An SLF4J logger writing one line per event through its factory; its level follows the factory's settings. */
final class StackpilotLogger extends LegacyAbstractLogger {
    private final transient StackpilotLoggerFactory factory;
    private volatile int threshold;

    StackpilotLogger(String name, StackpilotLoggerFactory factory, Level level) {
        this.name = name;
        this.factory = factory;
        this.threshold = level.toInt();
    }

    void setLevel(Level level) {
        threshold = level.toInt();
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
                                               Throwable throwable) {
        String message = MessageFormatter.basicArrayFormat(pattern, arguments);
        factory.write(new LogLine(Instant.now(), level, name, Thread.currentThread().getName(),
                message == null ? "" : message, factory.fields(), throwable));
    }

    @Override
    public boolean isTraceEnabled() {
        return threshold <= Level.TRACE.toInt();
    }

    @Override
    public boolean isDebugEnabled() {
        return threshold <= Level.DEBUG.toInt();
    }

    @Override
    public boolean isInfoEnabled() {
        return threshold <= Level.INFO.toInt();
    }

    @Override
    public boolean isWarnEnabled() {
        return threshold <= Level.WARN.toInt();
    }

    @Override
    public boolean isErrorEnabled() {
        return threshold <= Level.ERROR.toInt();
    }
}
