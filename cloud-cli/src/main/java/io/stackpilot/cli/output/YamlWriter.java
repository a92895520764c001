package io.stackpilot.cli.output;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A tiny YAML emitter for what the CLI prints: maps, lists, strings, numbers, booleans and null, block style with
 * two-space indents. A string is written plain only when it starts with a letter, holds nothing but a safe set of
 * characters and is not a word that a YAML 1.2 (core schema) or YAML 1.1 reader resolves to null, a boolean or a
 * number; otherwise single-quoted, or double-quoted with escapes when it holds characters YAML does not print.
 */
public final class YamlWriter {
    // A leading '.', digit or sign could start a number (.5, -1, +2), '/' is kept as before: paths read plainly.
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_/][A-Za-z0-9_ ./()+=@-]*");
    /** Words that resolve to another type in YAML 1.2's core schema or (yes/no/on/off/y/n) in YAML 1.1. */
    private static final Pattern SPECIAL = Pattern.compile("(?i)(true|false|yes|no|on|off|y|n|null|nan|inf)");

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
        if (value instanceof Double || value instanceof Float) {
            return floatingPoint(((Number) value).doubleValue());
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        String text = value.toString();
        if (text.codePoints().anyMatch(c -> !printable(c))) {
            return doubleQuoted(text);
        }
        if (PLAIN.matcher(text).matches() && !SPECIAL.matcher(text).matches() && !text.endsWith(" ")
                && !text.contains(": ") && !text.contains(" #")) {
            return text;
        }
        return "'" + text.replace("'", "''") + "'";
    }

    private static String floatingPoint(double value) {
        if (Double.isNaN(value)) {
            return ".nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? ".inf" : "-.inf";
        }
        return Double.toString(value);
    }

    /**
     * YAML's printable set (c-printable) minus the tab (written as an escape, as before) and what a YAML 1.1 reader
     * takes as a line break (NEL, LS, PS) or a byte-order mark; everything else is escaped inside double quotes.
     */
    private static boolean printable(int c) {
        return (c >= 0x20 && c <= 0x7E) || (c >= 0xA0 && c <= 0xD7FF && c != 0x2028 && c != 0x2029)
                || (c >= 0xE000 && c <= 0xFFFD && c != 0xFEFF) || (c >= 0x10000 && c <= 0x10FFFF);
    }

    /** Line breaks and other unprintable characters need YAML's escaping double quotes. */
    private static String doubleQuoted(String text) {
        StringBuilder out = new StringBuilder("\"");
        text.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> out.append(printable(c) ? Character.toString(c) : escape(c));
            }
        });
        return out.append('"').toString();
    }

    private static String escape(int c) {
        return c <= 0xFF ? String.format("\\x%02x", c) : c <= 0xFFFF ? String.format("\\u%04x", c)
                : String.format("\\U%08x", c);
    }
}
