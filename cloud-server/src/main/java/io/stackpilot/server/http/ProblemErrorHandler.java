package io.stackpilot.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stackpilot.server.problem.Problem;
import io.stackpilot.server.problem.ProblemKind;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own error answers as problem+json with a request id: a request Jetty refuses before any handler runs (a
 * control character in a header, a request line or headers over the size limit, a malformed URI) was answered by
 * Jetty's HTML error page, without {@code X-Request-Id}. The detail is ours: Jetty's message may quote what the
 * client sent, header values included. Such a request never reached a handler, so it has no audit row; one that did
 * keeps the id {@link RequestLifecycle} gave it. Thread-safe.
 */
public final class ProblemErrorHandler extends ErrorHandler {
    private final ObjectMapper mapper;

    public ProblemErrorHandler(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        RequestState state = RequestState.of(request);
        String requestId = state == null ? RequestIds.next() : state.requestId();
        String path = request.getHttpURI() == null ? null : request.getHttpURI().getPath();
        response.getHeaders().put(RequestState.REQUEST_ID_HEADER, requestId);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problem.CONTENT_TYPE);
        response.write(true, ByteBuffer.wrap(problem(code, path, requestId)), callback);
    }

    /** For the answers Jetty writes without a request object (a message it cannot parse at all). */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        String requestId = RequestIds.next();
        fields.put(RequestState.REQUEST_ID_HEADER, requestId);
        fields.put(HttpHeader.CONTENT_TYPE, Problem.CONTENT_TYPE);
        return ByteBuffer.wrap(problem(status, null, requestId));
    }

    private byte[] problem(int status, String path, String requestId) {
        ProblemKind kind = status == 413 ? ProblemKind.PAYLOAD_TOO_LARGE
                : status >= 500 ? ProblemKind.INTERNAL_ERROR : ProblemKind.INVALID_REQUEST;
        String detail = switch (status) {
            case 413 -> "the request body is too large";
            case 414 -> "the request line is too long";
            case 431 -> "the request headers are too large";
            default -> status >= 500 ? "unexpected error; quote request id " + requestId + " to the operator"
                    : "the request is not valid HTTP";
        };
        try {
            return mapper.writeValueAsBytes(new Problem(kind.type(), kind.title(), status, detail, path, requestId,
                    null, null));
        } catch (JsonProcessingException impossible) {
            return ("{\"status\":" + status + "}").getBytes(StandardCharsets.UTF_8);
        }
    }
}
