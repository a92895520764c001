package io.stackpilot.server.problem;

/** Every kind of problem the API answers with: its status, its type slug and its title. */
public enum ProblemKind {
    INVALID_REQUEST(400, "invalid-request", "Invalid request"),
    UNAUTHENTICATED(401, "unauthenticated", "Authentication required"),
    FORBIDDEN(403, "forbidden", "Forbidden"),
    NOT_FOUND(404, "not-found", "Not found"),
    METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed"),
    CONFLICT(409, "conflict", "Conflict"),
    QUOTA_EXCEEDED(403, "quota-exceeded", "Quota exceeded"),
    INSUFFICIENT_CAPACITY(409, "insufficient-capacity", "Insufficient capacity"),
    PAYLOAD_TOO_LARGE(413, "payload-too-large", "Request body too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Unsupported media type"),
    TOO_MANY_REQUESTS(429, "too-many-requests", "Too many requests"),
    OVERLOADED(503, "overloaded", "Overloaded"),
    INTERNAL_ERROR(500, "internal-error", "Internal error"),
    UPSTREAM_FAILURE(502, "upstream-failure", "The cloud failed"),
    UPSTREAM_UNAVAILABLE(503, "upstream-unavailable", "The cloud is unavailable"),
    UPSTREAM_TIMEOUT(504, "upstream-timeout", "The cloud did not answer in time");

    private final int status;
    private final String slug;
    private final String title;

    ProblemKind(int status, String slug, String title) {
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String type() {
        return "/problems/" + slug;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }
}
