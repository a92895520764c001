package io.stackpilot.cli.output;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A tiny YAML emitter for what the CLI prints: maps, lists, strings, numbers, booleans and null, block style with
 * two-space indents. Strings that YAML would read as something else are single-quoted.
 */
public final class YamlWriter {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_/.][A-Za-z0-9_ ./()+=@-]*");
    private static final Pattern SPECIAL = Pattern.compile(
            "(?i)(true|false|yes|no|on|off|y|n|null|~|-?[0-9][0-9_.:e+-]*|\\.inf|\\.nan)");

    private YamlWriter() {
    }

    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        if (value instanceof Map<?, ?> map && !map.isEmpty()) {
            writeMap(out, map, 0);
        } else if (value instanceof List<?> list && !list.isEmpty()) {
            writeList(out, list, 0);
        } else {
            out.append(scalar(value)).append('\n');
        }
        return out.toString();
    }

    private static void writeMap(StringBuilder out, Map<?, ?> map, int indent) {
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            out.append(" ".repeat(indent)).append(scalar(String.valueOf(entry.getKey()))).append(':');
            writeNested(out, entry.getValue(), indent);
        }
    }

    private static void writeList(StringBuilder out, List<?> list, int indent) {
        for (Object item : list) {
            out.append(" ".repeat(indent)).append('-');
            if (item instanceof Map<?, ?> map && !map.isEmpty()) {
                // The first key sits on the dash line, the others align under it.
                StringBuilder nested = new StringBuilder();
                writeMap(nested, map, indent + 2);
                out.append(' ').append(nested.substring(indent + 2));
            } else if (item instanceof List<?> inner && !inner.isEmpty()) {
                out.append('\n');
                writeList(out, inner, indent + 2);
            } else {
                out.append(' ').append(scalar(item)).append('\n');
            }
        }
    }

    private static void writeNested(StringBuilder out, Object value, int indent) {
        if (value instanceof Map<?, ?> map && !map.isEmpty()) {
            out.append('\n');
            writeMap(out, map, indent + 2);
        } else if (value instanceof List<?> list && !list.isEmpty()) {
            out.append('\n');
            writeList(out, list, indent);
        } else {
            out.append(' ').append(scalar(value)).append('\n');
        }
    }

    static String scalar(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Map<?, ?>) {
            return "{}";
        }
        if (value instanceof List<?>) {
            return "[]";
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        String text = value.toString();
        if (text.chars().anyMatch(c -> c < 0x20)) {
            return doubleQuoted(text);
        }
        if (PLAIN.matcher(text).matches() && !SPECIAL.matcher(text).matches() && !text.endsWith(" ")
                && !text.contains(": ") && !text.contains(" #")) {
            return text;
        }
        return "'" + text.replace("'", "''") + "'";
    }

    /** Line breaks and other control characters need YAML's escaping double quotes. */
    private static String doubleQuoted(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> out.append(c < 0x20 ? String.format("\\x%02x", (int) c) : String.valueOf(c));
            }
        }
        return out.append('"').toString();
    }
}
