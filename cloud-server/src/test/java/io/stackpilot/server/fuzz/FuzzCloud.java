package io.stackpilot.server.fuzz;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A healthy OpenStack on a JDK HTTP server, for the fuzz suite: Keystone logs in the test user ({@link
 * #USER_PASSWORD}, token {@link #USER_TOKEN}) and the service account ({@link #SERVICE_PASSWORD}), validates those
 * tokens and revokes; Nova keeps servers in memory (boot, get, list, delete, 404 for unknown ids); Glance and Neutron
 * answer the lab's captured lists. Every answer a healthy cloud gives, so that any 5xx of the daemon is its own.
 * Requests it has no answer for are counted ({@link #unanswered()}) and get Nova's 404.
 */
final class FuzzCloud implements AutoCloseable {
    static final String USER_PASSWORD = "Fz-User-Pa55-3b9d1c";
    static final String USER_TOKEN = "gAAAAA-fz-user-token-8e2a4c6b0d";
    static final String SERVICE_PASSWORD = "Fz-Service-Pa55-7a0e5f";
    static final String SERVICE_TOKEN = "gAAAAA-fz-service-token-2d4f6a8c";
    static final String SERVER_ID = "569872fc-f211-47c5-826e-562279b9b6a4";

    private final ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpServer http;
    private final String tokenBody;
    private final String serverTemplate = fixture("nova/server.json");
    private final ConcurrentMap<String, String> servers = new ConcurrentHashMap<>();
    private final AtomicInteger unanswered = new AtomicInteger();

    FuzzCloud() {
        try {
            http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String base = "http://127.0.0.1:" + http.getAddress().getPort();
        tokenBody = fixture("keystone/auth-tokens-password.json")
                .replace("http://127.0.0.1:8774", base + "/nova").replace("http://127.0.0.1:9292", base + "/glance")
                .replace("http://127.0.0.1:9696", base + "/neutron").replace("http://127.0.0.1:5000", base)
                .replace("http://127.0.0.1/identity", base)
                .replaceAll("\"expires_at\": \"[^\"]+\"", "\"expires_at\": \"" + Instant.now().plus(Duration.ofHours(2))
                        .truncatedTo(ChronoUnit.SECONDS) + "\"");
        servers.put(SERVER_ID, serverTemplate);
        http.setExecutor(handlers);
        http.createContext("/", exchange -> {
            try (exchange) {
                answer(exchange);
            }
        });
        http.start();
    }

    /** The OS_* variables of the service account. */
    Map<String, String> serviceAccount() {
        return Map.of("OS_AUTH_URL", "http://127.0.0.1:" + http.getAddress().getPort() + "/v3", "OS_USERNAME",
                "admin", "OS_PASSWORD", SERVICE_PASSWORD, "OS_PROJECT_NAME", "admin", "OS_USER_DOMAIN_NAME",
                "Default", "OS_PROJECT_DOMAIN_NAME", "Default", "OS_REGION_NAME", "RegionOne", "OS_INTERFACE",
                "public");
    }

    /** Requests the stub had no answer for (a route of the daemon calling what a healthy cloud would answer). */
    int unanswered() {
        return unanswered.get();
    }

    private void answer(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (path.equals("/v3/auth/tokens")) {
            keystoneTokens(exchange, method, body);
        } else if (path.equals("/v3/projects") || path.equals("/v3/domains")) {
            send(exchange, 200, fixture("keystone" + path.substring(3) + ".json"));
        } else if (path.startsWith("/nova/")) {
            nova(exchange, method, path.substring("/nova".length()), body);
        } else if (path.startsWith("/glance/") && path.endsWith("/images")) {
            send(exchange, 200, fixture("glance/images.json"));
        } else if (path.startsWith("/neutron/") && path.endsWith("/networks")) {
            send(exchange, 200, fixture("neutron/networks.json"));
        } else if (path.startsWith("/neutron/") && path.endsWith("/subnets")) {
            send(exchange, 200, fixture("neutron/subnets.json"));
        } else {
            unknown(exchange, method, path);
        }
    }

    private void keystoneTokens(HttpExchange exchange, String method, String body) throws IOException {
        switch (method) {
            case "POST" -> {
                String token = body.contains(USER_PASSWORD) ? USER_TOKEN
                        : body.contains(SERVICE_PASSWORD) ? SERVICE_TOKEN : null;
                if (token == null) {
                    send(exchange, 401, "{\"error\": {\"code\": 401, \"title\": \"Unauthorized\", \"message\": "
                            + "\"The request you have made requires authentication.\"}}");
                    return;
                }
                exchange.getResponseHeaders().add("X-Subject-Token", token);
                send(exchange, 201, tokenBody);
            }
            case "DELETE" -> send(exchange, 204, "");
            default -> {
                String subject = exchange.getRequestHeaders().getFirst("X-Subject-Token");
                boolean known = USER_TOKEN.equals(subject) || SERVICE_TOKEN.equals(subject);
                if (known) {
                    exchange.getResponseHeaders().add("X-Subject-Token", subject);
                }
                send(exchange, known ? 200 : 404, known ? tokenBody
                        : "{\"error\": {\"code\": 404, \"message\": \"Could not find token.\"}}");
            }
        }
    }

    private void nova(HttpExchange exchange, String method, String path, String body) throws IOException {
        if (path.equals("/v2.1/") || path.equals("/v2.1")) {
            send(exchange, 200, "{\"version\": {\"id\": \"v2.1\", \"status\": \"CURRENT\", \"version\": \"2.96\", "
                    + "\"min_version\": \"2.1\"}}");
        } else if (path.equals("/v2.1/flavors/detail")) {
            send(exchange, 200, fixture("nova/flavors-detail.json"));
        } else if (path.equals("/v2.1/limits")) {
            send(exchange, 200, fixture("nova/limits.json"));
        } else if (path.startsWith("/v2.1/os-simple-tenant-usage")) {
            send(exchange, 200, "{\"tenant_usages\": []}");
        } else if (path.equals("/v2.1/servers/detail") && method.equals("GET")) {
            send(exchange, 200, "{\"servers\": [" + String.join(",", servers.values()) + "]}");
        } else if (path.equals("/v2.1/servers") && method.equals("POST")) {
            String id = UUID.randomUUID().toString();
            servers.put(id, serverTemplate.replace(SERVER_ID, id));
            send(exchange, 202, fixture("nova/servers-post.json").replace("0ff19dfc-339a-4326-9a56-6ef3c4ad5e23", id));
        } else if (path.startsWith("/v2.1/servers/") && path.indexOf('/', "/v2.1/servers/".length()) < 0) {
            String id = path.substring("/v2.1/servers/".length());
            String server = servers.get(id);
            if (server == null) {
                send(exchange, 404, fixture("nova/error-item-not-found.json"));
            } else if (method.equals("DELETE")) {
                servers.remove(id);
                send(exchange, 204, "");
            } else if (method.equals("GET")) {
                send(exchange, 200, "{\"server\": " + server + "}");
            } else {
                unknown(exchange, method, path);
            }
        } else {
            unknown(exchange, method, "/nova" + path);
        }
    }

    private void unknown(HttpExchange exchange, String method, String path) throws IOException {
        unanswered.incrementAndGet();
        System.err.println("fuzz cloud: no answer for " + method + " " + path);
        send(exchange, 404, fixture("nova/error-item-not-found.json"));
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        if (body.isEmpty()) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static String fixture(String name) {
        try (InputStream in = FuzzCloud.class.getResourceAsStream("/stub-cloud/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        http.stop(0);
        handlers.shutdownNow();
    }
}
