package io.stackpilot.cli.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code --debug}'s trace of the HTTP exchange on stderr, as {@code openstack --debug} and {@code kubectl -v=8}
 * print it: the request (method, URL, headers, JSON body), then status, time and request id. Tokens, passwords and
 * secrets are masked wherever they appear: in headers and in JSON fields of the request and of the response.
 */
final class HttpTrace {
    static final String MASK = "***";
    private static final Set<String> SECRET_HEADERS = Set.of("x-auth-token", "x-subject-token", "authorization");

    private final PrintWriter err;

    HttpTrace(PrintWriter err) {
        this.err = err;
    }

    void request(String method, URI uri, Map<String, String> headers, JsonNode body) {
        err.println("> " + method + " " + uri);
        headers.forEach((name, value) ->
                err.println("> " + name + ": " + (SECRET_HEADERS.contains(name.toLowerCase(Locale.ROOT)) ? MASK : value)));
        if (body != null) {
            err.println("> " + JsonTrees.write(masked(body)));
        }
        err.flush();
    }

    void response(int status, Duration took, String requestId) {
        err.println("< " + status + " (" + took.toMillis() + " ms)" + (requestId == null ? "" : " request " + requestId));
        err.flush();
    }

    void body(JsonNode body) {
        if (!body.isMissingNode()) {
            err.println("< " + JsonTrees.write(masked(body)));
        }
        err.flush();
    }

    void failure(String method, Object uri, Duration took, Exception e) {
        err.println("< " + method + " " + uri + " failed after " + took.toMillis() + " ms: " + e);
        err.flush();
    }

    /** A copy with the value of every field named like a secret (token, password, secret, key) replaced. */
    static JsonNode masked(JsonNode node) {
        JsonNode copy = node.deepCopy();
        mask(copy);
        return copy;
    }

    private static void mask(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (secret(field.getKey()) && field.getValue().isValueNode() && !field.getValue().isNull()) {
                    field.setValue(object.textNode(MASK));
                } else {
                    mask(field.getValue());
                }
            }
        } else if (node.isArray()) {
            node.forEach(HttpTrace::mask);
        }
    }

    private static boolean secret(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.contains("token") || lower.contains("password") || lower.contains("secret")
                || lower.equals("private_key");
    }
}
