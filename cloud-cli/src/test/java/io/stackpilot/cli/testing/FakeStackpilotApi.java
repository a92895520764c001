package io.stackpilot.cli.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-test Stackpilot HTTP API (JDK HttpServer on a free loopback port) that answers like the pinned contract:
 * canned catalog JSON shaped like the lab, a mutable server list with pagination, stats and audit, problem+json
 * errors. It records every request so tests can assert what the CLI sent.
 */
public final class FakeStackpilotApi implements AutoCloseable {
    public static final String TOKEN = "gAAAAA-fake-token";
    public static final String PASSWORD = "s3cret";
    public static final String EXPIRES_AT = "2026-11-22T18:00:00Z";
    public static final String PROJECT_ID = "9f2c1a7e3b5d4c6e8a0b1c2d3e4f5a6b";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer http;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Canned> overrides = new ConcurrentHashMap<>();
    private final Map<String, Deque<String>> statusScripts = new ConcurrentHashMap<>();
    private final List<ObjectNode> servers = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> deleting = new ConcurrentHashMap<>();
    private int created;
    private volatile int defaultPageSize = 1000;
    /** Set by a logout (DELETE /api/v1/auth/tokens): the token is refused until the next login. */
    private volatile boolean revoked;

    /** One request as the fake received it. */
    public record Request(String method, String path, String query, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        public Map<String, String> params() {
            return FakeStackpilotApi.params(query);
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private record Canned(int status, String contentType, String body) {
    }

    private FakeStackpilotApi(int port) throws IOException {
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        http.createContext("/", this::handle);
        addServer(FakeData.WEB_1);
        addServer(FakeData.WEB_2);
        addServer(FakeData.TWIN_A);
        addServer(FakeData.TWIN_B);
    }

    public static FakeStackpilotApi start() {
        return start(0);
    }

    /** Starts on this loopback port (0: any free one). */
    public static FakeStackpilotApi start(int port) {
        try {
            FakeStackpilotApi api = new FakeStackpilotApi(port);
            api.http.start();
            return api;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The requests with this method whose path starts with the prefix, in order. */
    public List<Request> requests(String method, String pathPrefix) {
        return requests.stream().filter(r -> r.method().equals(method) && r.path().startsWith(pathPrefix)).toList();
    }

    /** From now on, answer {@code METHOD path} (exact path) with this status and body. */
    public void respond(String method, String path, int status, String body) {
        overrides.put(method + " " + path, new Canned(status, status >= 400 ? "application/problem+json"
                : "application/json", body));
    }

    /** Changes the Content-Type of an answer set with {@link #respond}. */
    public void contentType(String method, String path, String contentType) {
        Canned canned = overrides.get(method + " " + path);
        overrides.put(method + " " + path, new Canned(canned.status(), contentType, canned.body()));
    }

    /** Successive GETs of the server report these statuses (the last one sticks); {@code GONE} answers 404. */
    public void scriptStatuses(String serverId, String... statuses) {
        statusScripts.put(serverId, new ArrayDeque<>(List.of(statuses)));
    }

    public void addServer(String json) {
        servers.add((ObjectNode) parse(json));
    }

    public List<String> serverNames() {
        return servers.stream().map(s -> s.path("name").asText()).toList();
    }

    public static String problem(int status, String slug, String title, String detail, String instance) {
        return """
                {"type":"/problems/%s","title":"%s","status":%d,"detail":"%s","instance":"%s","request_id":"req-fake-1"}"""
                .formatted(slug, title, status, detail, instance);
    }

    @Override
    public void close() {
        http.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getRawPath();
            String method = exchange.getRequestMethod();
            requests.add(new Request(method, path, exchange.getRequestURI().getRawQuery(),
                    Map.copyOf(exchange.getRequestHeaders()), body));
            Canned answer = overrides.get(method + " " + path);
            if (answer == null) {
                answer = route(method, path, params(exchange.getRequestURI().getRawQuery()), body,
                        exchange.getRequestHeaders().getFirst("X-Auth-Token"));
            }
            exchange.getResponseHeaders().add("X-Request-Id", "req-fake-1");
            if (answer.status() == 202 && method.equals("POST")) {
                exchange.getResponseHeaders().add("Location", "/api/v1/servers/" + parse(answer.body()).path("id")
                        .asText());
            }
            byte[] bytes = answer.body() == null ? new byte[0] : answer.body().getBytes(StandardCharsets.UTF_8);
            if (bytes.length > 0) {
                exchange.getResponseHeaders().add("Content-Type", answer.contentType());
            }
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    private Canned route(String method, String path, Map<String, String> query, String body, String token) {
        if (method.equals("POST") && path.equals("/api/v1/auth/tokens")) {
            revoked = false; // the fake issues the same token again
            return login(parse(body), path);
        }
        if (!TOKEN.equals(token) || revoked) {
            return error(401, "unauthenticated", "Unauthenticated", "missing or invalid token", path);
        }
        if (method.equals("GET")) {
            switch (path) {
                case "/api/v1/flavors": return ok(200, FakeData.FLAVORS);
                case "/api/v1/images": return ok(200, FakeData.IMAGES);
                case "/api/v1/networks": return ok(200, FakeData.NETWORKS);
                case "/api/v1/servers": return listServers(query);
                case "/api/v1/stats/servers": return stats(query);
                case "/api/v1/audit": return ok(200, FakeData.AUDIT);
                case "/api/v1/limits": return ok(200, FakeData.LIMITS);
                case "/api/v1/preemptions": return ok(200, FakeData.PREEMPTIONS);
                default: break;
            }
        }
        if (path.startsWith("/api/v1/servers/")) {
            String id = URLDecoder.decode(path.substring("/api/v1/servers/".length()), StandardCharsets.UTF_8);
            if (method.equals("GET")) {
                return showServer(id, path);
            }
            if (method.equals("DELETE")) {
                return deleteServer(id, path);
            }
        }
        if (method.equals("POST") && path.equals("/api/v1/servers")) {
            return createServer((ObjectNode) parse(body));
        }
        if (method.equals("DELETE") && path.equals("/api/v1/auth/tokens")) {
            revoked = true;
            return new Canned(204, "application/json", null);
        }
        return error(404, "not-found", "Not Found", "no route " + method + " " + path, path);
    }

    private Canned login(JsonNode body, String path) {
        if (!PASSWORD.equals(body.path("password").asText())) {
            return error(401, "unauthenticated", "Unauthenticated", "The credentials are not valid", path);
        }
        return ok(201, FakeData.TOKEN_RESPONSE.formatted(TOKEN, EXPIRES_AT, body.path("username").asText(),
                body.path("user_domain").asText(), body.path("project").asText(), PROJECT_ID,
                body.path("project_domain").asText()));
    }

    /** The page size of a server list without {@code limit} (the real server's default is 1000). */
    public void defaultPageSize(int size) {
        this.defaultPageSize = size;
    }

    private Canned listServers(Map<String, String> query) {
        List<ObjectNode> matching = new ArrayList<>();
        for (ObjectNode server : servers) {
            if (query.containsKey("status") && !server.path("status").asText().equals(query.get("status"))) {
                continue;
            }
            if (query.containsKey("name") && !server.path("name").asText().equals(query.get("name"))) {
                continue;
            }
            matching.add(server);
        }
        int start = 0;
        if (query.containsKey("marker")) {
            for (int i = 0; i < matching.size(); i++) {
                if (matching.get(i).path("id").asText().equals(query.get("marker"))) {
                    start = i + 1;
                }
            }
        }
        int limit = query.containsKey("limit") ? Integer.parseInt(query.get("limit")) : defaultPageSize;
        int end = Math.min(matching.size(), start + limit);
        ObjectNode page = JSON.createObjectNode();
        ArrayNode array = page.putArray("servers");
        String next = end < matching.size() ? matching.get(end - 1).path("id").asText() : null;
        if (query.containsKey("location")) {
            // As across locations: all servers are in lab/RegionOne, and lab-west/RegionOne never answers.
            matching.subList(start, end).forEach(server -> array.add(server.deepCopy().put("cloud", "lab")
                    .put("region", "RegionOne")));
            if (query.get("location").equals("all")) {
                page.putArray("unavailable").addObject().put("location", "lab-west/RegionOne")
                        .put("reason", "no answer within 10 s");
            } else {
                page.putArray("unavailable");
            }
            ObjectNode markers = page.putObject("next_markers");
            if (next != null) {
                markers.put("lab/RegionOne", next);
            }
            return ok(200, page.toString());
        }
        matching.subList(start, end).forEach(array::add);
        page.put("next_marker", next);
        return ok(200, page.toString());
    }

    private Canned showServer(String id, String path) {
        ObjectNode server = find(id);
        if (server == null) {
            return error(404, "not-found", "Not Found", "server " + id + " does not exist", path);
        }
        Integer lag = deleting.get(id);
        if (lag != null) {
            if (lag <= 0) {
                servers.remove(server);
                return error(404, "not-found", "Not Found", "server " + id + " does not exist", path);
            }
            deleting.put(id, lag - 1);
        }
        Deque<String> script = statusScripts.get(id);
        if (script != null && !script.isEmpty()) {
            String status = script.size() > 1 ? script.poll() : script.peek();
            if (status.equals("GONE")) {
                servers.remove(server);
                return error(404, "not-found", "Not Found", "server " + id + " does not exist", path);
            }
            server.put("status", status);
        }
        return ok(200, server.toString());
    }

    private Canned deleteServer(String id, String path) {
        if (find(id) == null || deleting.containsKey(id)) {
            return error(404, "not-found", "Not Found", "server " + id + " does not exist", path);
        }
        deleting.put(id, 1);
        return new Canned(202, "application/json", null);
    }

    private synchronized Canned createServer(ObjectNode body) {
        created++;
        String id = "c0ffee00-0000-4000-8000-%012d".formatted(created);
        ObjectNode server = (ObjectNode) parse(FakeData.server(id, body.path("name").asText(), "BUILD"));
        server.put("preemptible", body.path("preemptible").asBoolean());
        servers.add(server);
        // Like the lab: BUILD on the first look, ACTIVE after (tests script other sequences).
        statusScripts.putIfAbsent(id, new ArrayDeque<>(List.of("BUILD", "ACTIVE")));
        return ok(202, server.toString());
    }

    private Canned stats(Map<String, String> query) {
        int points = Integer.parseInt(query.getOrDefault("points", "24"));
        ObjectNode stats = JSON.createObjectNode();
        stats.put("project_id", query.containsKey("scope") ? null : query.getOrDefault("project_id", PROJECT_ID));
        stats.put("interval", "PT1H");
        ArrayNode array = stats.putArray("points");
        for (int i = 0; i < points; i++) {
            ObjectNode point = array.addObject();
            point.put("at", "2026-11-22T%02d:00:00Z".formatted((24 - points + i) % 24));
            if (i == 0) {
                point.putNull("running");
                point.putNull("source");
            } else {
                point.put("running", i % 5);
                point.put("source", i == points - 1 ? "live" : "backfill");
            }
        }
        return ok(200, stats.toString());
    }

    private ObjectNode find(String id) {
        return servers.stream().filter(s -> s.path("id").asText().equals(id)).findFirst().orElse(null);
    }

    private static Canned ok(int status, String body) {
        return new Canned(status, "application/json", body);
    }

    private static Canned error(int status, String slug, String title, String detail, String path) {
        return new Canned(status, "application/problem+json", problem(status, slug, title, detail, path));
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, String> params(String rawQuery) {
        Map<String, String> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            params.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return params;
    }
}
