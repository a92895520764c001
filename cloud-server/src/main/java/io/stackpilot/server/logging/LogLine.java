package io.stackpilot.server.logging;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Map;
import org.slf4j.event.Level;

/**
 * One log event as one line: {@code ts level [thread] logger key=value... - message} or a JSON object whose
 * context fields (request_id, replica, job, from the MDC) sit next to the message.
 */
record LogLine(Instant ts, Level level, String logger, String thread, String message, Map<String, String> fields,
               Throwable exception) {

    LogLine {
        fields = fields == null ? Map.of() : fields;
    }

    String text() {
        StringBuilder line = new StringBuilder(128).append(ts).append(' ').append(level).append(" [")
                .append(thread).append("] ").append(logger);
        fields.forEach((name, value) -> line.append(' ').append(name).append('=').append(oneLine(value)));
        line.append(" - ").append(oneLine(message));
        if (exception != null) {
            // One line per event: the stack trace's line breaks become " | ".
            line.append(" | ").append(oneLine(stackTrace(exception)));
        }
        return line.toString();
    }

    String json() {
        StringBuilder line = new StringBuilder(160).append('{');
        field(line, "ts", ts.toString()).append(',');
        field(line, "level", level.toString()).append(',');
        field(line, "logger", logger).append(',');
        field(line, "thread", thread).append(',');
        fields.forEach((name, value) -> field(line, name, value).append(','));
        field(line, "message", message);
        if (exception != null) {
            field(line.append(','), "exception", stackTrace(exception));
        }
        return line.append('}').toString();
    }

    private static StringBuilder field(StringBuilder line, String name, String value) {
        line.append('"').append(name).append("\":\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> line.append("\\\"");
                case '\\' -> line.append("\\\\");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                default -> {
                    if (c < 0x20) {
                        line.append(String.format("\\u%04x", (int) c));
                    } else {
                        line.append(c);
                    }
                }
            }
        }
        return line.append('"');
    }

    private static String oneLine(String text) {
        return text.strip().replace("\r", "").replace("\n\t", " | ").replace("\n", " | ");
    }

    private static String stackTrace(Throwable exception) {
        StringWriter trace = new StringWriter();
        exception.printStackTrace(new PrintWriter(trace));
        return trace.toString().strip();
    }
}
