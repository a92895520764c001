package io.stackpilot.cli.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackpilot.cli.CliException;
import io.stackpilot.cli.ExitCodes;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * A small JSON client of the Stackpilot HTTP API (JDK HttpClient). Every call carries the User-Agent and, when
 * logged in, {@code X-Auth-Token}. Errors become {@link ApiException}; an unreachable server a
 * {@link CliException} with exit code 6. One per command run; closed by the root command when the run ends.
 */
public final class ApiClient implements AutoCloseable {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final String baseUrl;
    private final String token;
    private final String userAgent;
    private final HttpTrace trace;
    private HttpClient http;

    /** A response: status, the parsed body (a missing node when empty) and the headers needed. */
    public record Response(int status, JsonNode body, String location) {
    }

    public ApiClient(String baseUrl, String token, String userAgent) {
        this(baseUrl, token, userAgent, null);
    }

    /** With {@code debug} non-null, every exchange is traced there ({@code --debug}), secrets masked. */
    public ApiClient(String baseUrl, String token, String userAgent, PrintWriter debug) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.token = token;
        this.userAgent = userAgent;
        this.trace = debug == null ? null : new HttpTrace(debug);
    }

    /**
     * Stops the JDK client's selector thread. Without this the JVM's exit waits up to 300 ms for that thread, which
     * sits in native code (epoll), to block: a third of a short command's wall time.
     */
    @Override
    public void close() {
        if (http != null) {
            http.shutdownNow();
        }
    }

    public String baseUrl() {
        return baseUrl;
    }

    public JsonNode get(String path, Map<String, ?> query) {
        return send("GET", path + queryString(query), null, Map.of()).body();
    }

    public Response post(String path, JsonNode body, Map<String, String> headers) {
        return send("POST", path, body, headers);
    }

    public Response put(String path, JsonNode body) {
        return send("PUT", path, body, Map.of());
    }

    public Response patch(String path, JsonNode body) {
        return send("PATCH", path, body, Map.of());
    }

    public Response delete(String path) {
        return send("DELETE", path, null, Map.of());
    }

    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** {@code ?a=1&b=2} from the non-null entries, in iteration order; empty when there are none. */
    static String queryString(Map<String, ?> query) {
        StringJoiner joiner = new StringJoiner("&", "?", "").setEmptyValue("");
        query.forEach((name, value) -> {
            if (value != null) {
                joiner.add(segment(name) + "=" + segment(String.valueOf(value)));
            }
        });
        return joiner.toString();
    }

    private Response send(String method, String pathAndQuery, JsonNode body, Map<String, String> headers) {
        URI uri = URI.create(baseUrl + pathAndQuery);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(REQUEST_TIMEOUT)
                .header("User-Agent", userAgent)
                .header("Accept", "application/json, application/problem+json");
        if (token != null) {
            request.header("X-Auth-Token", token);
        }
        headers.forEach(request::header);
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JsonTrees.write(body), StandardCharsets.UTF_8));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpRequest built = request.build();
        if (trace != null) {
            trace.request(built, body);
        }
        long started = System.nanoTime();
        HttpResponse<String> response;
        try {
            response = client().send(built, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException | InterruptedException e) {
            if (trace != null) {
                trace.failure(method, uri, Duration.ofNanos(System.nanoTime() - started), e);
            }
            throw failure(e);
        }
        if (trace != null) {
            trace.response(response.statusCode(), Duration.ofNanos(System.nanoTime() - started),
                    response.headers().firstValue("X-Request-Id").orElse(null));
        }
        JsonNode json = parseBody(response);
        if (trace != null) {
            trace.body(json);
        }
        if (response.statusCode() >= 400) {
            throw problem(response.statusCode(), json, response.headers().firstValue("X-Request-Id").orElse(null));
        }
        return new Response(response.statusCode(), json, response.headers().firstValue("Location").orElse(null));
    }

    private CliException failure(Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return new CliException(ExitCodes.INTERNAL, "interrupted", e);
        }
        if (e instanceof HttpTimeoutException && !(e instanceof HttpConnectTimeoutException)) {
            return new CliException(ExitCodes.UPSTREAM_UNAVAILABLE,
                    "Stackpilot at " + baseUrl + " did not answer within " + REQUEST_TIMEOUT.toSeconds() + " s", e);
        }
        return unreachable((IOException) e);
    }

    private HttpClient client() {
        if (http == null) {
            HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                    .version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER);
            if (baseUrl.startsWith("http://")) {
                // The client builds the default SSLContext eagerly (reading the CA store: ~0.2 s of a start); a
                // plain-HTTP API never uses it, so hand it an empty one.
                builder.sslContext(PlainHttp.unusedSslContext());
            }
            http = builder.build();
        }
        return http;
    }

    private CliException unreachable(IOException e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new CliException(ExitCodes.UPSTREAM_UNAVAILABLE,
                "cannot reach Stackpilot at " + baseUrl + " (" + reason + ")", e);
    }

    private static JsonNode parseBody(HttpResponse<String> response) {
        String text = response.body();
        if (text == null || text.isBlank()) {
            return JsonTrees.missing();
        }
        String contentType = response.headers().firstValue("Content-Type").orElse("application/json");
        if (!contentType.contains("json")) {
            if (response.statusCode() >= 400) {
                return JsonTrees.missing();
            }
            throw new CliException(ExitCodes.INTERNAL, "expected JSON but got " + contentType + " from "
                    + response.uri() + "; is the URL that of the Stackpilot API (without /api/v1)?");
        }
        try {
            return JsonTrees.parse(text);
        } catch (IllegalArgumentException e) {
            if (response.statusCode() >= 400) {
                return JsonTrees.missing();
            }
            throw new CliException(ExitCodes.INTERNAL, "the server sent a body that is not JSON", e);
        }
    }

    static ApiException problem(int status, JsonNode body, String headerRequestId) {
        String type = JsonTrees.text(body, "type");
        String slug = type == null ? null : type.substring(type.lastIndexOf('/') + 1);
        List<ApiException.FieldError> errors = new ArrayList<>();
        body.path("errors").forEach(e -> errors.add(new ApiException.FieldError(JsonTrees.text(e, "field"),
                JsonTrees.text(e, "message"))));
        String title = JsonTrees.text(body, "title");
        String requestId = JsonTrees.text(body, "request_id");
        return new ApiException(status, slug, title == null ? defaultTitle(status) : title,
                JsonTrees.text(body, "detail"), errors, requestId == null ? headerRequestId : requestId);
    }

    private static String defaultTitle(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 409 -> "Conflict";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "HTTP " + status;
        };
    }
}
