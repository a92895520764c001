package io.stackpilot.cli.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackpilot.cli.CliException;
import io.stackpilot.cli.ExitCodes;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
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
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * A small JSON client of the Stackpilot HTTP API ({@link HttpURLConnection}; see {@link #exchange}). Every call
 * carries the User-Agent and, when logged in, {@code X-Auth-Token}. Errors become {@link ApiException}; an
 * unreachable server a {@link CliException} with exit code 6. One per command run; closed by the root command when
 * the run ends.
 */
public final class ApiClient implements AutoCloseable {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    static {
        // HttpURLConnection sends a buffered POST a second time by itself when the kept-alive connection it reused
        // turns out closed; a create must not be sent twice behind the user's back. (Read once, when the JDK's
        // HTTP client class loads.)
        if (System.getProperty("sun.net.http.retryPost") == null) {
            System.setProperty("sun.net.http.retryPost", "false");
        }
    }

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
        // in name order, as the --debug trace has always listed them
        Map<String, String> sent = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        sent.put("User-Agent", userAgent);
        sent.put("Accept", "application/json, application/problem+json");
        if (token != null) {
            sent.put("X-Auth-Token", token);
        }
        sent.putAll(headers);
        byte[] bytes = null;
        if (body != null) {
            sent.put("Content-Type", "application/json");
            bytes = JsonTrees.write(body).getBytes(StandardCharsets.UTF_8);
        }
        if (trace != null) {
            trace.request(method, uri, sent, body);
        }
        long started = System.nanoTime();
        Exchange response;
        try {
            response = "PATCH".equals(method) ? patch(uri, sent, bytes) : exchange(method, uri, sent, bytes);
        } catch (IOException | InterruptedException e) {
            if (trace != null) {
                trace.failure(method, uri, Duration.ofNanos(System.nanoTime() - started), e);
            }
            throw failure(e);
        }
        if (trace != null) {
            trace.response(response.status(), Duration.ofNanos(System.nanoTime() - started),
                    response.header("X-Request-Id"));
        }
        JsonNode json = parseBody(response, uri);
        if (trace != null) {
            trace.body(json);
        }
        if (response.status() >= 400) {
            throw problem(response.status(), json, response.header("X-Request-Id"));
        }
        return new Response(response.status(), json, response.header("Location"));
    }

    /** One answer: status, the headers read, and the body as text. */
    private record Exchange(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /**
     * One exchange through {@link HttpURLConnection}: synchronous on the calling thread, with the JDK's keep-alive
     * cache for the next call to the same server (a waiting command polls). A command starts a JVM for a call or
     * two, and the JDK's {@code java.net.http} client costs ~150 ms more to start than this (its selector thread, the
     * executor, the reactive body handling; measured in docs/benchmarks.md, issue 21), a third of a command's wall
     * time. {@code HttpURLConnection} has no PATCH: that one method goes through {@link #patch}.
     */
    private Exchange exchange(String method, URI uri, Map<String, String> headers, byte[] body) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
        try {
            connection.setRequestMethod(method);
            connection.setInstanceFollowRedirects(false);
            connection.setUseCaches(false);
            connection.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
            connection.setReadTimeout((int) REQUEST_TIMEOUT.toMillis());
            headers.forEach(connection::setRequestProperty);
            // Not streamed (setFixedLengthStreamingMode): in streaming mode a 401 or 407 answer loses its body
            // (getErrorStream() is null), and the problem's detail is what the user reads.
            boolean sends = body != null || "POST".equals(method) || "PUT".equals(method);
            if (sends) {
                byte[] content = body == null ? new byte[0] : body;
                connection.setDoOutput(true);
                connect(connection);
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(content);
                }
            } else {
                connect(connection);
            }
            int status = answered(connection);
            Map<String, String> read = new HashMap<>();
            for (String name : List.of("Content-Type", "X-Request-Id", "Location")) {
                String value = connection.getHeaderField(name);
                if (value != null) {
                    read.put(name.toLowerCase(Locale.ROOT), value);
                }
            }
            InputStream stream = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
            String text = "";
            if (stream != null) {
                try (InputStream in = stream) {
                    text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
            return new Exchange(status, read, text);
        } catch (SocketTimeoutException slow) {
            connection.disconnect();
            throw new NoAnswerException(slow);
        }
    }

    /** Connects, so that a failure here (refused, connect timeout) is told apart from a server that did not answer. */
    private static void connect(HttpURLConnection connection) throws IOException {
        try {
            connection.connect();
        } catch (IOException unreachable) {
            throw new UnreachableException(unreachable);
        }
    }

    private static int answered(HttpURLConnection connection) throws IOException {
        int status = connection.getResponseCode();
        if (status < 0) {
            throw new IOException("the server's answer is not HTTP");
        }
        return status;
    }

    /** PATCH, which {@link HttpURLConnection} refuses, through the JDK's {@code java.net.http} client. */
    private Exchange patch(URI uri, Map<String, String> headers, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT)
                .method("PATCH", body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        HttpResponse<String> response;
        try {
            response = client().send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException | java.net.ConnectException unreachable) {
            throw new UnreachableException(unreachable);
        } catch (HttpTimeoutException slow) {
            throw new NoAnswerException(slow);
        }
        Map<String, String> read = new HashMap<>();
        response.headers().map().forEach((name, values) -> read.put(name.toLowerCase(Locale.ROOT),
                values.getFirst()));
        return new Exchange(response.statusCode(), read, response.body());
    }

    /** The server could not be reached (nothing was sent). */
    private static final class UnreachableException extends IOException {
        private static final long serialVersionUID = 1L;

        UnreachableException(IOException cause) {
            super(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage(), cause);
        }
    }

    /** The request went out and no answer came within {@link #REQUEST_TIMEOUT}. */
    private static final class NoAnswerException extends IOException {
        private static final long serialVersionUID = 1L;

        NoAnswerException(IOException cause) {
            super("no answer within " + REQUEST_TIMEOUT.toSeconds() + " s", cause);
        }
    }

    private CliException failure(Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return new CliException(ExitCodes.INTERNAL, "interrupted", e);
        }
        if (e instanceof NoAnswerException) {
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

    private static JsonNode parseBody(Exchange response, URI uri) {
        String text = response.body();
        if (text == null || text.isBlank()) {
            return JsonTrees.missing();
        }
        String contentType = response.header("Content-Type");
        if (contentType != null && !contentType.contains("json")) {
            if (response.status() >= 400) {
                return JsonTrees.missing();
            }
            throw new CliException(ExitCodes.INTERNAL, "expected JSON but got " + contentType + " from "
                    + uri + "; is the URL that of the Stackpilot API (without /api/v1)?");
        }
        try {
            return JsonTrees.parse(text);
        } catch (IllegalArgumentException e) {
            if (response.status() >= 400) {
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
