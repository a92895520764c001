package io.stackpilot.server.logging;

import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Sends {@code java.util.logging} records (Liquibase logs there) to SLF4J, so that every line has one format and
 * the same level settings. Installed once by the composition root.
 */
public final class JulBridge extends Handler {
    private static final SimpleFormatter MESSAGES = new SimpleFormatter();

    private JulBridge() {
    }

    /** Replaces the JUL root logger's handlers (the default console handler) with this bridge. */
    public static synchronized void install() {
        java.util.logging.Logger root = LogManager.getLogManager().getLogger("");
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        root.addHandler(new JulBridge());
        root.setLevel(java.util.logging.Level.INFO);
    }

    @Override
    public void publish(LogRecord record) {
        String name = record.getLoggerName() == null ? "jul" : record.getLoggerName();
        Logger logger = LoggerFactory.getLogger(name);
        int level = record.getLevel().intValue();
        Level slf4jLevel = level >= java.util.logging.Level.SEVERE.intValue() ? Level.ERROR
                : level >= java.util.logging.Level.WARNING.intValue() ? Level.WARN
                : level >= java.util.logging.Level.INFO.intValue() ? Level.INFO : Level.DEBUG;
        if (logger.isEnabledForLevel(slf4jLevel)) {
            logger.makeLoggingEventBuilder(slf4jLevel).setMessage(MESSAGES.formatMessage(record))
                    .setCause(record.getThrown()).log();
        }
    }

    @Override
    public void flush() {
        System.out.flush();
    }

    @Override
    public void close() {
        // Nothing to release: lines go to standard output.
    }
}
