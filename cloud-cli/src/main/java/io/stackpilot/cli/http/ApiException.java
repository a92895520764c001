package io.stackpilot.cli.http;

import io.stackpilot.cli.CliException;
import io.stackpilot.cli.ExitCodes;

import java.util.List;

/**
 * The server answered with an error (an RFC 9457 problem+json body, or something less helpful from a proxy).
 * The message is the one line a user sees: {@code title: detail}, the field errors, and the request id.
 */
public final class ApiException extends CliException {
    private final int status;
    private final String type;
    private final String requestId;
    private final String problemLine;

    /** One entry of a 400's {@code errors} list. */
    public record FieldError(String field, String message) {
    }

    public ApiException(int status, String type, String title, String detail, List<FieldError> errors,
                        String requestId) {
        super(exitCodeFor(status, type), status == 401
                ? "not logged in or session expired; run stackpilot login"
                : line(status, title, detail, errors, requestId));
        this.problemLine = line(status, title, detail, errors, requestId);
        this.status = status;
        this.type = type;
        this.requestId = requestId;
    }

    public int status() {
        return status;
    }

    /** The problem type's slug (e.g. {@code not-found}), or null when the body was not problem+json. */
    public String type() {
        return type;
    }

    public String requestId() {
        return requestId;
    }

    /** The server's own words ({@code title: detail ...}), also for a 401 whose message is the generic one. */
    public String problemLine() {
        return problemLine;
    }

    static int exitCodeFor(int status, String type) {
        if ("quota-exceeded".equals(type)) {
            return ExitCodes.CONFLICT_OR_INVALID; // 403 on the wire, but the caller's to fix, not a permission
        }
        return switch (status) {
            // 413 (body too large) and 429 (too many logins) are the caller's to fix or wait out, like a quota.
            case 400, 409, 412, 413, 415, 422, 429 -> ExitCodes.CONFLICT_OR_INVALID;
            case 401, 403 -> ExitCodes.AUTHENTICATION;
            case 404, 410 -> ExitCodes.NOT_FOUND;
            case 502, 503, 504 -> ExitCodes.UPSTREAM_UNAVAILABLE;
            default -> ExitCodes.INTERNAL;
        };
    }

    private static String line(int status, String title, String detail, List<FieldError> errors, String requestId) {
        StringBuilder line = new StringBuilder(title == null || title.isBlank() ? "HTTP " + status : title);
        if (detail != null && !detail.isBlank() && !detail.equals(title)) {
            line.append(": ").append(detail);
        }
        if (errors != null && !errors.isEmpty()) {
            line.append(" (");
            for (int i = 0; i < errors.size(); i++) {
                FieldError error = errors.get(i);
                line.append(i == 0 ? "" : "; ").append(error.field()).append(": ").append(error.message());
            }
            line.append(')');
        }
        // The server's detail of a 500 already asks to quote the id; saying it twice reads like two requests.
        if (requestId != null && (detail == null || !detail.contains(requestId))) {
            line.append(" [request ").append(requestId).append(']');
        }
        return line.toString();
    }
}
