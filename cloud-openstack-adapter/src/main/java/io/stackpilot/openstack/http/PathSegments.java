package io.stackpilot.openstack.http;

import io.stackpilot.core.error.NotFoundException;

/**
 * Ids that go into a URL path as one segment. OkHttp percent-encodes a segment's {@code /}, {@code ?} and {@code #},
 * but resolves {@code .} and {@code ..} (also as {@code %2E}) like a browser, so an id {@code ..} would turn
 * {@code /servers/..} into the service's root. Such an id cannot name an object, so it is refused as not found
 * before any call is made. Stateless.
 */
public final class PathSegments {
    private PathSegments() {
    }

    /**
     * The id, safe to pass to {@code HttpUrl.Builder.addPathSegment}.
     *
     * @throws NotFoundException when the id is empty or a dot segment
     */
    public static String id(String kind, String id) {
        if (id == null || id.isEmpty() || isDotSegment(id)) {
            throw new NotFoundException(kind, String.valueOf(id));
        }
        return id;
    }

    /** Whether {@link #id} would accept the id. */
    public static boolean isSafeId(String id) {
        return id != null && !id.isEmpty() && !isDotSegment(id);
    }

    private static boolean isDotSegment(String segment) {
        String decoded = segment.replaceAll("(?i)%2e", ".");
        return decoded.equals(".") || decoded.equals("..");
    }
}
