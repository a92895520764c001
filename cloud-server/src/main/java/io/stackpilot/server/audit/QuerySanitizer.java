package io.stackpilot.server.audit;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Removes secret-looking parameters from a query string before it is audited: any whose name contains token,
 * password, passwd, secret, key, auth, credential, signature or user_data. Other parameters are kept as sent.
 */
public final class QuerySanitizer {
    private static final List<String> SECRET_WORDS = List.of("token", "password", "passwd", "secret", "key", "auth",
            "credential", "signature", "user_data", "userdata");

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

    private static boolean isSecret(String rawName) {
        String name = java.net.URLDecoder.decode(rawName, java.nio.charset.StandardCharsets.UTF_8)
                .toLowerCase(Locale.ROOT).replace('-', '_');
        return SECRET_WORDS.stream().anyMatch(name::contains);
    }
}
