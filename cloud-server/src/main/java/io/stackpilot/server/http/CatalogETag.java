package io.stackpilot.server.http;

import io.stackpilot.core.catalog.Freshness;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;

/**
 * The conditional-request rules of the catalog routes: a strong ETag from the answer's bytes (the same on every
 * replica for the same list), RFC 9110's {@code If-None-Match} comparison (weak, lists, {@code *}), and which
 * request {@code Cache-Control} directives ask for a fresh answer.
 */
final class CatalogETag {
    private CatalogETag() {
    }

    /** A quoted strong validator: 128 bits of the SHA-256 of the body, base64url. */
    static String of(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16)) + "\"";
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK has SHA-256", impossible);
        }
    }

    /** Whether {@code If-None-Match} (absent: no) names this ETag; GET compares weakly, so {@code W/} is ignored. */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*") || (tag.startsWith("W/") ? tag.substring(2) : tag).equals(etag)) {
                return true;
            }
        }
        return false;
    }

    /** {@link Freshness#FRESH} when the request's Cache-Control says {@code no-cache} or {@code max-age=0}. */
    static Freshness freshness(String cacheControl) {
        if (cacheControl == null) {
            return Freshness.CACHED;
        }
        for (String directive : cacheControl.split(",")) {
            String name = directive.trim().toLowerCase(Locale.ROOT).replace(" ", "");
            if (name.equals("no-cache") || name.equals("max-age=0")) {
                return Freshness.FRESH;
            }
        }
        return Freshness.CACHED;
    }
}
