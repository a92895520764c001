package io.stackpilot.openstack.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stackpilot.core.error.ConflictException;
import io.stackpilot.core.error.FieldProblem;
import io.stackpilot.core.error.ForbiddenException;
import io.stackpilot.core.error.InvalidRequestException;
import io.stackpilot.core.error.NotFoundException;
import io.stackpilot.core.error.QuotaExceededException;
import io.stackpilot.core.error.StackpilotException;
import io.stackpilot.core.error.UnauthenticatedException;
import io.stackpilot.core.error.UpstreamFailureException;
import io.stackpilot.core.error.UpstreamTimeoutException;
import io.stackpilot.core.error.UpstreamUnavailableException;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one place where OpenStack's error answers become the core's errors. It reads every body shape the services
 * use: Nova's {@code {"itemNotFound": {"message": ..}}} (any fault name: badRequest, forbidden, overLimit,
 * computeFault, conflictingRequest, ...), Neutron's {@code {"NeutronError": {..}}}, Keystone's
 * {@code {"error": {..}}} and Glance's plain text or HTML pages. The cloud's request id is kept on every error.
 * Stateless and thread-safe.
 */
public final class OpenStackErrors {
    private static final int MAX_MESSAGE = 300;

    private final ObjectMapper json;

    public OpenStackErrors(ObjectMapper json) {
        this.json = json;
    }

    /**
     * The core error for a non-2xx answer to {@code call}. Messages say which service failed and how, never where it
     * runs: no host, port or URL path of the cloud (the request id is what an operator needs to find the call).
     */
    public StackpilotException fromStatus(ApiCall call, int status, String body, String requestId) {
        return fromStatus(call, status, body, requestId, null);
    }

    /**
     * As {@link #fromStatus(ApiCall, int, String, String)}, with the answer's {@code Retry-After} header (null when
     * absent). A 503, and a 429 that is a rate limit rather than a quota, become {@link UpstreamUnavailableException}s
     * that ask to slow down for the time the header names (seconds or an HTTP date; unreadable: none).
     */
    public StackpilotException fromStatus(ApiCall call, int status, String body, String requestId,
                                          String retryAfter) {
        String message = messageOf(body);
        String described = message.isEmpty() ? "HTTP " + status : message;
        String answered = "the " + call.service() + " service answered " + status
                + (message.isEmpty() ? "" : ": " + message);
        return switch (status) {
            case 400 -> new InvalidRequestException(List.of(new FieldProblem(fieldOf(message), described)), requestId);
            case 401 -> new UnauthenticatedException(call.service() + " rejected the token or credentials: "
                    + described, requestId);
            case 403 -> isQuota(message) ? new QuotaExceededException(described, requestId)
                    : new ForbiddenException(described, requestId);
            case 404 -> call.subjectId() == null
                    ? new NotFoundException("resource", "of the " + call.service() + " service", requestId)
                    : new NotFoundException(call.subjectKind(), call.subjectId(), requestId);
            case 409 -> new ConflictException(described, requestId);
            case 413 -> new QuotaExceededException(described, requestId);
            case 429 -> isQuota(message) ? new QuotaExceededException(described, requestId)
                    : new UpstreamUnavailableException(call.service(), answered, requestId, null, true,
                            RetryAfter.parse(retryAfter, Instant.now()));
            case 503 -> new UpstreamUnavailableException(call.service(), answered, requestId, null, true,
                    RetryAfter.parse(retryAfter, Instant.now()));
            case 504 -> new UpstreamTimeoutException(call.service(), answered, requestId, null);
            default -> new UpstreamFailureException(call.service(), answered, requestId, null);
        };
    }

    /**
     * The core error for a call that got no answer: a read timeout, the overall call deadline, or a failure to
     * connect at all (or to keep the connection); or one whose answer was not HTTP at all (502). The failure's own message is not used: it names hosts and ports, and OkHttp's may quote a
     * header value.
     */
    public StackpilotException fromFailure(ApiCall call, IOException failure) {
        if (failure instanceof java.net.ProtocolException) {
            // The service was reached and answered, but not in HTTP (a proxy or a wrong port talking another
            // protocol): an invalid answer from upstream is a 502, not "unavailable, try later". The exception's
            // message quotes the bytes received, so it stays out of ours.
            return new UpstreamFailureException(call.service(), "the " + call.service()
                    + " service sent an answer that is not HTTP", null, failure);
        }
        if (UpstreamInterceptor.isConnectFailure(failure)) {
            return new UpstreamUnavailableException(call.service(), "the " + call.service()
                    + " service could not be reached (" + failure.getClass().getSimpleName() + ")", null, failure);
        }
        return new UpstreamTimeoutException(call.service(), "the " + call.service()
                + " service did not answer in time", null, failure);
    }

    /** The call's overall deadline passed before the whole answer arrived (a slow or dripping service). */
    public StackpilotException deadlinePassed(ApiCall call, IOException failure) {
        return new UpstreamTimeoutException(call.service(), "the " + call.service()
                + " service did not answer in time", null, failure);
    }

    /** An answer that was 2xx but could not be understood. */
    public StackpilotException unreadable(ApiCall call, String requestId, Exception cause) {
        return new UpstreamFailureException(call.service(), "the " + call.service()
                + " service sent an answer that cannot be read (" + call.method() + ")", requestId, cause);
    }

    /** The human message inside an error body, whatever its shape; empty when the body says nothing. */
    public String messageOf(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        try {
            JsonNode root = json.readTree(body);
            if (root != null && root.isObject()) {
                String found = messageIn(root);
                if (found != null) {
                    return shorten(withoutTopology(found));
                }
            }
        } catch (IOException notJson) {
            // Glance and the WSGI layers answer with plain text or HTML.
        }
        return shorten(withoutTopology(body.replaceAll("(?is)<title>.*?</title>", " ")
                .replaceAll("(?is)<h1>.*?</h1>", " ").replaceAll("(?is)<address>.*?</address>", " ")
                .replaceAll("<[^>]*>", " ")).replaceAll("\\s+", " ").trim());
    }

    /**
     * Web servers and proxies in front of a service put their own address in error pages ("Server at 10.0.0.5 Port
     * 8774"); the cloud's topology is not for our callers.
     */
    static String withoutTopology(String text) {
        return text.replaceAll("(?i)\\b[a-z][a-z0-9+.-]*://\\S+", "(address)")
                .replaceAll("\\b\\d{1,3}(\\.\\d{1,3}){3}(:\\d{1,5})?\\b", "(address)")
                .replaceAll("(?i)\\b[a-z0-9-]+(\\.[a-z0-9-]+)*:\\d{2,5}\\b", "(address)");
    }

    private static String messageIn(JsonNode root) {
        if (root.path("message").isTextual()) {
            return root.get("message").asText();
        }
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            JsonNode fault = field.getValue();
            if (fault.isObject() && fault.path("message").isTextual()) {
                String detail = fault.path("detail").asText("");
                String message = fault.get("message").asText();
                return detail.isBlank() || message.contains(detail) ? message : message + " " + detail;
            }
        }
        return null;
    }

    /** Names the BootRequest field an OpenStack 400 message is about, so a caller sees which input was wrong. */
    static String fieldOf(String message) {
        String text = message.toLowerCase(Locale.ROOT);
        if (text.contains("flavor")) {
            return "flavor_id";
        }
        if (text.contains("image")) {
            return "image_id";
        }
        if (text.contains("network") || text.contains("port") || text.contains("subnet")) {
            return "network_ids";
        }
        if (text.contains("key pair") || text.contains("keypair") || text.contains("key_name")) {
            return "key_name";
        }
        if (text.contains("user_data") || text.contains("user data")) {
            return "user_data";
        }
        if (text.contains("'name'") || text.contains("name")) {
            return "name";
        }
        return "request";
    }

    private static boolean isQuota(String message) {
        String text = message.toLowerCase(Locale.ROOT);
        return text.contains("quota") || text.contains("limit exceeded");
    }

    private static String shorten(String text) {
        return text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE) + "...";
    }
}
