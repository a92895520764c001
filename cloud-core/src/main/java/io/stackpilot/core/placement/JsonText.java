package io.stackpilot.core.placement;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, strict JSON reader (RFC 8259) for the few JSON values the core reads itself (a placement; the core has no
 * JSON library): an object is a {@code Map<String, Object>} in document order, an array a {@code List<Object>}, a
 * string a {@code String}, a number a {@code BigDecimal}, {@code true}/{@code false} a {@code Boolean}, and
 * {@code null} Java's null. A repeated member name, trailing text or nesting deeper than {@value #MAX_DEPTH} is an
 * error. The static methods are thread-safe (each read has a reader of its own).
 */
final class JsonText {
    static final int MAX_DEPTH = 32;

    private final String text;
    private int at;

    private JsonText(String text) {
        this.text = text;
    }

    /**
     * The value of {@code text}.
     *
     * @throws IllegalArgumentException naming what is wrong and where (a character offset)
     */
    static Object read(String text) {
        JsonText reader = new JsonText(text);
        Object value = reader.value(0);
        reader.skipSpace();
        if (reader.at < text.length()) {
            throw reader.error("unexpected text after the value");
        }
        return value;
    }

    /** {@code value} as a JSON string literal, quoted and escaped. */
    static String quote(String value) {
        StringBuilder quoted = new StringBuilder(value.length() + 2).append('"');
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }

    private Object value(int depth) {
        if (depth > MAX_DEPTH) {
            throw error("nested deeper than " + MAX_DEPTH);
        }
        skipSpace();
        if (at >= text.length()) {
            throw error("a value is missing");
        }
        char c = text.charAt(at);
        return switch (c) {
            case '{' -> object(depth);
            case '[' -> array(depth);
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    yield number();
                }
                throw error("unexpected '" + c + "'");
            }
        };
    }

    private Map<String, Object> object(int depth) {
        at++;
        Map<String, Object> members = new LinkedHashMap<>();
        skipSpace();
        if (take('}')) {
            return Collections.unmodifiableMap(members);
        }
        do {
            skipSpace();
            if (at >= text.length() || text.charAt(at) != '"') {
                throw error("a member name (a string) is expected");
            }
            int nameAt = at;
            String name = string();
            skipSpace();
            expect(':');
            Object value = value(depth + 1);
            if (members.containsKey(name)) {
                at = nameAt;
                throw error("the member \"" + name + "\" is repeated");
            }
            members.put(name, value);
            skipSpace();
        } while (take(','));
        expect('}');
        return Collections.unmodifiableMap(members);
    }

    private List<Object> array(int depth) {
        at++;
        List<Object> items = new ArrayList<>();
        skipSpace();
        if (take(']')) {
            return Collections.unmodifiableList(items);
        }
        do {
            items.add(value(depth + 1));
            skipSpace();
        } while (take(','));
        expect(']');
        return Collections.unmodifiableList(items);
    }

    private String string() {
        at++;
        StringBuilder value = new StringBuilder();
        while (at < text.length()) {
            char c = text.charAt(at++);
            if (c == '"') {
                return value.toString();
            }
            if (c < 0x20) {
                at--;
                throw error("a control character in a string");
            }
            if (c != '\\') {
                value.append(c);
                continue;
            }
            if (at >= text.length()) {
                break;
            }
            char escaped = text.charAt(at++);
            switch (escaped) {
                case '"', '\\', '/' -> value.append(escaped);
                case 'b' -> value.append('\b');
                case 'f' -> value.append('\f');
                case 'n' -> value.append('\n');
                case 'r' -> value.append('\r');
                case 't' -> value.append('\t');
                case 'u' -> value.append(unicode());
                default -> {
                    at--;
                    throw error("an unknown escape '\\" + escaped + "'");
                }
            }
        }
        throw error("a string is not closed");
    }

    private char unicode() {
        if (at + 4 > text.length()) {
            throw error("a \\u escape needs four hex digits");
        }
        try {
            char c = (char) Integer.parseInt(text.substring(at, at + 4), 16);
            at += 4;
            return c;
        } catch (NumberFormatException notHex) {
            throw error("a \\u escape needs four hex digits");
        }
    }

    private BigDecimal number() {
        int start = at;
        take('-');
        // a leading zero stands alone: "01" ends after the 0 (and then fails as trailing text)
        if (!take('0') && !digits()) {
            throw error("a number needs digits");
        }
        if (take('.') && !digits()) {
            throw error("a number needs digits after '.'");
        }
        if (take('e') || take('E')) {
            if (!take('+')) {
                take('-');
            }
            if (!digits()) {
                throw error("a number needs digits in its exponent");
            }
        }
        return new BigDecimal(text.substring(start, at));
    }

    private boolean digits() {
        int start = at;
        while (at < text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
            at++;
        }
        return at > start;
    }

    private Object literal(String word, Object value) {
        if (!text.startsWith(word, at)) {
            throw error("unexpected '" + text.charAt(at) + "'");
        }
        at += word.length();
        return value;
    }

    private void skipSpace() {
        while (at < text.length() && " \t\r\n".indexOf(text.charAt(at)) >= 0) {
            at++;
        }
    }

    private boolean take(char c) {
        if (at < text.length() && text.charAt(at) == c) {
            at++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!take(c)) {
            throw error(at >= text.length() ? "'" + c + "' is missing at the end" : "'" + c + "' is expected");
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException(what + " at offset " + Math.min(at, text.length()));
    }
}
