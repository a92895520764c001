package io.stackpilot.server.problem;

import io.javalin.http.HttpResponseException;
import io.stackpilot.core.error.ConflictException;
import io.stackpilot.core.error.ForbiddenException;
import io.stackpilot.core.error.InsufficientCapacityException;
import io.stackpilot.core.error.InvalidRequestException;
import io.stackpilot.core.error.NotFoundException;
import io.stackpilot.core.error.QuotaExceededException;
import io.stackpilot.core.error.StackpilotException;
import io.stackpilot.core.error.UnauthenticatedException;
import io.stackpilot.core.error.UpstreamException;
import io.stackpilot.core.error.UpstreamFailureException;
import io.stackpilot.core.error.UpstreamTimeoutException;
import io.stackpilot.core.error.UpstreamUnavailableException;
import java.util.List;

/**
 * Turns errors into problem documents. Core errors go through an exhaustive switch (no default), so a new error
 * type does not compile until it has an HTTP answer. Messages of core errors are meant for callers; anything
 * else becomes a generic 500 whose detail names only the request id.
 */
public final class ProblemMapper {
    private ProblemMapper() {
    }

    public static ProblemKind kindOf(StackpilotException error) {
        return switch (error) {
            case InvalidRequestException invalid -> ProblemKind.INVALID_REQUEST;
            case UnauthenticatedException unauthenticated -> ProblemKind.UNAUTHENTICATED;
            case ForbiddenException forbidden -> ProblemKind.FORBIDDEN;
            case NotFoundException notFound -> ProblemKind.NOT_FOUND;
            case ConflictException conflict -> ProblemKind.CONFLICT;
            case QuotaExceededException quota -> ProblemKind.QUOTA_EXCEEDED;
            case InsufficientCapacityException capacity -> ProblemKind.INSUFFICIENT_CAPACITY;
            case UpstreamException upstream -> switch (upstream) {
                case UpstreamFailureException failure -> ProblemKind.UPSTREAM_FAILURE;
                case UpstreamUnavailableException unavailable -> ProblemKind.UPSTREAM_UNAVAILABLE;
                case UpstreamTimeoutException timeout -> ProblemKind.UPSTREAM_TIMEOUT;
            };
        };
    }

    public static Problem of(StackpilotException error, String path, String requestId) {
        ProblemKind kind = kindOf(error);
        List<Problem.FieldError> errors = error instanceof InvalidRequestException invalid
                ? invalid.problems().stream().map(p -> new Problem.FieldError(p.field(), p.message())).toList()
                : null;
        return new Problem(kind.type(), kind.title(), kind.status(), error.getMessage(), path, requestId, errors,
                error.upstreamRequestId().orElse(null));
    }

    public static Problem of(HttpProblemException error, String path, String requestId) {
        return of(error.kind(), error.getMessage(), path, requestId);
    }

    /**
     * Javalin's own answers: unknown path, wrong method, unreadable request, a body over the size limit (413).
     * Statuses outside the contract's set become invalid-request (400) or internal-error (500).
     */
    public static Problem of(HttpResponseException error, String path, String requestId) {
        ProblemKind kind = switch (error.getStatus()) {
            case 400 -> ProblemKind.INVALID_REQUEST;
            case 401 -> ProblemKind.UNAUTHENTICATED;
            case 403 -> ProblemKind.FORBIDDEN;
            case 404 -> ProblemKind.NOT_FOUND;
            case 405 -> ProblemKind.METHOD_NOT_ALLOWED;
            case 413 -> ProblemKind.PAYLOAD_TOO_LARGE;
            case 415 -> ProblemKind.UNSUPPORTED_MEDIA_TYPE;
            default -> error.getStatus() < 500 ? ProblemKind.INVALID_REQUEST : ProblemKind.INTERNAL_ERROR;
        };
        String detail = switch (kind) {
            case PAYLOAD_TOO_LARGE -> "the request body is too large";
            case NOT_FOUND -> "no resource at " + path;
            case METHOD_NOT_ALLOWED -> "this method is not allowed on " + path;
            default -> error.getMessage();
        };
        return of(kind, detail, path, requestId);
    }

    public static Problem internal(String path, String requestId) {
        return of(ProblemKind.INTERNAL_ERROR, "unexpected error; quote request id " + requestId + " to the operator",
                path, requestId);
    }

    public static Problem of(ProblemKind kind, String detail, String path, String requestId) {
        List<Problem.FieldError> errors = kind == ProblemKind.INVALID_REQUEST
                ? List.of(new Problem.FieldError("body", detail == null ? "invalid" : detail)) : null;
        return new Problem(kind.type(), kind.title(), kind.status(), detail, path, requestId, errors, null);
    }
}
