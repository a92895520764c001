package io.stackpilot.server.fuzz;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Values a client should not send, by kind, and the draws of one try: every choice of a generated request comes
 * from one {@link SplittableRandom}, so that a seed and a try number give the same bytes again.
 */
final class Hostile {
    /** Path segments: near-UUIDs, dot segments, %-escapes well and badly formed, non-ASCII, control bytes, huge. */
    static final List<String> SEGMENTS = List.of(".", "..", "%2E%2E", "%2e", ".%2E", "%", "%zz", "%2", "%00",
            "%0A", "%0D%0A", "%2F", "a%2Fb", "%5C", "%C3%28", "%FF", "%ED%A0%80", "%C3%BC", "\u00fc", "\u65e5\u672c",
            "\uD83D\uDE00", "%20", ";a=b", "~", "*", "detail", "%25", "-1", "0", "a\tb", "x".repeat(3000),
            "9".repeat(9000), "569872fc-f211-47c5-826e-562279b9b6a", "569872FC-F211-47C5-826E-562279B9B6A4",
            "569872fc-f211-47c5-826e-562279b9b6a4x", "g69872fc-f211-47c5-826e-562279b9b6a4",
            "569872fcf21147c5826e562279b9b6a4", "{id}", "A-Name", "-leading", "trailing-", "a".repeat(64));
    /** Query values of the wrong shape for any type. */
    static final List<String> QUERY_VALUES = List.of("", "-1", "0", "1.5", "abc", "99999999999999999999", "1e3",
            "0x10", "%2B1", "\u0661\u0662", "NaN", "%", "%zz", "%C3%28", "%00", "\u00fc", "%E2%82%AC", "true",
            "[]", "{}", "null", "2026-13-45T99:00:00Z", "x".repeat(3000));
    /** Bodies that are not the JSON object any route reads. */
    static final List<String> BODIES = List.of("", "null", "[]", "\"text\"", "42", "{", "}", "{\"a\":}",
            "{\"a\":1,}", "{'a': 1}", "/* c */ {}", "\uFEFF{}", "{\"a\":1,\"a\":2}", "{\"a\":NaN}",
            "{\"a\":1e999999}", "{\"a\":-0}", "{\"a\":" + "1".repeat(500) + "}", "{\"a\":\"\\ud800\"}",
            "{\"a\":\"\\u0000\"}", "x=1&y=2", "<a/>");
    /** Values of another JSON type than a field has, to put in its place. */
    static final List<String> WRONG_TYPES = List.of("12", "-1", "1.5", "true", "null", "[]", "{}", "\"\"",
            "[\"a\"]", "{\"a\":1}", "\"a\\u0000b\"", "[\"\\u0000\"]", "1e400", "123456789012345678901234567890",
            "\"" + "y".repeat(5000) + "\"");
    static final List<String> CONTENT_TYPES = List.of("text/plain", "application/x-www-form-urlencoded",
            "application/json; charset=iso-8859-1", "application/json; charset=utf-16",
            "application/json; charset=nope", "application/problem+json", "multipart/form-data; boundary=x", "*/*",
            "application/json;;;", "\u00fc", "application/jsonx", "APPLICATION/JSON", "");
    static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD",
            "TRACE", "FOO", "get", "CONNECT");

    private final SplittableRandom random;

    Hostile(SplittableRandom random) {
        this.random = random;
    }

    boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    int below(int bound) {
        return random.nextInt(bound);
    }

    <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** A version-4 UUID from this try's random numbers. */
    String uuid() {
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new java.util.UUID(high, low).toString();
    }

    /** A lower-case word, a DNS label. */
    String word() {
        StringBuilder word = new StringBuilder("fz-");
        for (int i = 0, length = 1 + below(10); i < length; i++) {
            word.append((char) ('a' + below(26)));
        }
        return word.toString();
    }

    /** The JSON body nested {@code depth} levels deep, as arrays or objects. */
    static String nested(int depth, boolean objects) {
        StringBuilder text = new StringBuilder(depth * 6);
        for (int i = 0; i < depth; i++) {
            text.append(objects ? "{\"a\":" : "[");
        }
        text.append("1");
        for (int i = 0; i < depth; i++) {
            text.append(objects ? "}" : "]");
        }
        return text.toString();
    }
}
