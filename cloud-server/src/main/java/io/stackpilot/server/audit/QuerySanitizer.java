package io.stackpilot.server.audit;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Removes secret-looking parameters from a query string before it is audited: any whose name contains token,
 * password, passwd, secret, key, auth, credential, signature or user_data. Other parameters are kept as sent. Never
 * throws: a malformed %-escape in a name is read literally (the request itself is refused with 400, but its row
 * must still be written).
 */
public final class QuerySanitizer {
    private static final List<String> SECRET_WORDS = List.of("token", "password", "passwd", "secret", "key", "auth",
            "credential", "signature", "user_data", "userdata");
    private static final Pattern MALFORMED_ESCAPE = Pattern.compile("%(?![0-9A-Fa-f]{2})");

    private QuerySanitizer() {
    }

    /** The query without secret parameters; null when nothing is left. */
    public static String sanitize(String query) {
        if (query == null || query.isBlank()) {
            return null;
        }
        String kept = Arrays.stream(query.split("&"))
                .filter(part -> !part.isEmpty())
                .filter(part -> !isSecret(part.split("=", 2)[0]))
                .collect(Collectors.joining("&"));
        return kept.isEmpty() ? null : kept;
    }

    /** True when every %-escape in the query is a % followed by two hex digits. */
    public static boolean hasWellFormedEscapes(String query) {
        return query == null || !MALFORMED_ESCAPE.matcher(query).find();
    }

    /** True when the query has an escaped NUL character ({@code %00}), which no parameter of ours can take. */
    public static boolean hasEncodedNul(String query) {
        return query != null && query.contains("%00");
    }

    private static boolean isSecret(String rawName) {
        // A malformed escape is taken literally (as "%25" would be), so the well-formed ones around it still decode.
        String name = URLDecoder.decode(MALFORMED_ESCAPE.matcher(rawName).replaceAll("%25"), StandardCharsets.UTF_8);
        String normal = name.toLowerCase(Locale.ROOT).replace('-', '_');
        return SECRET_WORDS.stream().anyMatch(normal::contains);
    }
}
