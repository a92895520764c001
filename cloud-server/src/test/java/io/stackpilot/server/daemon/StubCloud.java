package io.stackpilot.server.daemon;

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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny OpenStack on a JDK HTTP server: Keystone issues and validates one fixed token (password
 * {@link #PASSWORD}; any other password is 401) and Nova, Glance and Neutron answer their captured lab fixtures.
 * {@link #slowLogins(Duration)} delays every password login, so that a test can hold requests in flight.
 * {@link #generate(int, int)} replaces the projects and servers with generated ones (for cost measurements); Nova's
 * server list then pages like Nova's: at most {@value #NOVA_MAX_LIMIT} per page, a next link when a page is full.
 */
final class StubCloud implements AutoCloseable {
    static final String PASSWORD = "Stub-Pa55word-7f3e";
    static final String TOKEN = "gAAAAA-stub-token-9c1d2e3f4a5b6c7d8e9f";
    static final int NOVA_MAX_LIMIT = 1000;

    private final HttpServer http;
    private final String tokenBody;
    private final AtomicInteger loginsStarted = new AtomicInteger();
    private volatile Duration loginDelay = Duration.ZERO;
    private final AtomicInteger serverListsStarted = new AtomicInteger();
    private volatile Duration serverListDelay = Duration.ZERO;
    private volatile String projectsBody;
    private volatile List<GeneratedServer> servers = List.of();

    StubCloud() {
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
        Map<String, String> fixtures = new HashMap<>(Map.of(
                "/nova/v2.1/flavors/detail", fixture("nova/flavors-detail.json"),
                "/v3/projects", fixture("keystone/projects.json"),
                "/v3/domains", fixture("keystone/domains.json")));
        http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        http.createContext("/", exchange -> {
            try (exchange) {
                answer(exchange, fixtures);
            }
        });
        http.start();
    }

    String authUrl() {
        return "http://127.0.0.1:" + http.getAddress().getPort() + "/v3";
    }

    /**
     * From now on Keystone lists {@code projectCount} projects {@code sta-p-<i>} (domain default) and Nova has
     * {@code serverCount} servers {@code sta-<i>} spread round-robin over them, every tenth SHUTOFF, the rest ACTIVE.
     */
    void generate(int projectCount, int serverCount) {
        StringBuilder projects = new StringBuilder("{\"projects\": [");
        for (int p = 0; p < projectCount; p++) {
            projects.append(p == 0 ? "" : ",").append("{\"id\": \"sta-p-").append(p).append("\", \"name\": ")
                    .append("\"sta-project-").append(p).append("\", \"domain_id\": \"default\", \"enabled\": true}");
        }
        projectsBody = projects.append("], \"links\": {\"next\": null}}").toString();
        String template = fixture("nova/server.json");
        List<GeneratedServer> generated = new ArrayList<>();
        for (int i = 0; i < serverCount; i++) {
            String id = String.format("00000000-0000-4000-8000-%012d", i);
            String status = i % 10 == 0 ? "SHUTOFF" : "ACTIVE";
            generated.add(new GeneratedServer(id, status, template
                    .replace("569872fc-f211-47c5-826e-562279b9b6a4", id).replace("osa-fixture-2", "sta-" + i)
                    .replace("4661643948c848969bbdb5760dd254ac", "sta-p-" + (i % projectCount))
                    .replace("\"status\": \"ACTIVE\"", "\"status\": \"" + status + "\"")));
        }
        servers = List.copyOf(generated);
    }

    private record GeneratedServer(String id, String status, String json) {
    }

    void slowLogins(Duration delay) {
        loginDelay = delay;
    }

    /** From now on every GET of Nova's servers waits this long before it answers. */
    void slowServerLists(Duration delay) {
        serverListDelay = delay;
    }

    int serverListsStarted() {
        return serverListsStarted.get();
    }

    int loginsStarted() {
        return loginsStarted.get();
    }

    /** The OS_* variables of the service account (user admin, password {@link #PASSWORD}). */
    Map<String, String> serviceAccount() {
        return Map.of("OS_AUTH_URL", authUrl(), "OS_USERNAME", "admin", "OS_PASSWORD", PASSWORD,
                "OS_PROJECT_NAME", "admin", "OS_USER_DOMAIN_NAME", "Default", "OS_PROJECT_DOMAIN_NAME", "Default",
                "OS_REGION_NAME", "RegionOne", "OS_INTERFACE", "public");
    }

    private void answer(HttpExchange exchange, Map<String, String> fixtures) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (path.startsWith("/nova/v2.1/servers") && exchange.getRequestMethod().equals("GET")) {
            serverListsStarted.incrementAndGet();
            sleep(serverListDelay);
        }
        if (path.equals("/v3/auth/tokens") && exchange.getRequestMethod().equals("POST")) {
            loginsStarted.incrementAndGet();
            sleep(loginDelay);
            if (!body.contains(PASSWORD)) {
                send(exchange, 401, "{\"error\":{\"code\":401,\"title\":\"Unauthorized\",\"message\":\"The request "
                        + "you have made requires authentication.\"}}");
                return;
            }
            exchange.getResponseHeaders().add("X-Subject-Token", TOKEN);
            send(exchange, 201, tokenBody);
        } else if (path.equals("/v3/auth/tokens")) {
            exchange.getResponseHeaders().add("X-Subject-Token", TOKEN);
            send(exchange, TOKEN.equals(exchange.getRequestHeaders().getFirst("X-Subject-Token")) ? 200 : 404,
                    tokenBody);
        } else if (path.equals("/v3/projects") && projectsBody != null) {
            send(exchange, 200, projectsBody);
        } else if (path.equals("/nova/v2.1/servers/detail") && !servers.isEmpty()) {
            send(exchange, 200, serverPage(exchange.getRequestURI().getRawQuery()));
        } else if (fixtures.containsKey(path)) {
            send(exchange, 200, fixtures.get(path));
        } else if (path.equals("/nova/v2.1/") || path.equals("/nova/v2.1")) {
            send(exchange, 200, "{\"version\": {\"id\": \"v2.1\", \"status\": \"CURRENT\", \"version\": \"2.96\", "
                    + "\"min_version\": \"2.1\"}}");
        } else if (path.startsWith("/nova/v2.1/os-simple-tenant-usage")) {
            send(exchange, 200, "{\"tenant_usages\": []}");
        } else if (path.startsWith("/nova/v2.1/servers")) {
            send(exchange, 200, "{\"servers\": []}");
        } else {
            System.err.println("stub cloud: no answer for " + exchange.getRequestMethod() + " " + path);
            send(exchange, 404, "{\"itemNotFound\": {\"code\": 404, \"message\": \"not in the stub\"}}");
        }
    }

    /** Like Nova: filtered by status, ordered, after the marker, at most {@value #NOVA_MAX_LIMIT}, next link if full. */
    private String serverPage(String rawQuery) {
        Map<String, String> query = new HashMap<>();
        for (String pair : rawQuery == null ? new String[0] : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            query.put(equals < 0 ? pair : pair.substring(0, equals), equals < 0 ? "" : pair.substring(equals + 1));
        }
        List<GeneratedServer> matching = servers.stream()
                .filter(server -> !query.containsKey("status") || server.status().equals(query.get("status")))
                .toList();
        int start = 0;
        if (query.containsKey("marker")) {
            start = matching.stream().map(GeneratedServer::id).toList().indexOf(query.get("marker")) + 1;
        }
        int limit = Math.min(NOVA_MAX_LIMIT, Integer.parseInt(query.getOrDefault("limit", "" + NOVA_MAX_LIMIT)));
        List<GeneratedServer> page = matching.subList(start, Math.min(matching.size(), start + limit));
        StringBuilder body = new StringBuilder("{\"servers\": [");
        for (int i = 0; i < page.size(); i++) {
            body.append(i == 0 ? "" : ",").append(page.get(i).json());
        }
        body.append("]");
        if (page.size() == limit) {
            body.append(", \"servers_links\": [{\"rel\": \"next\", \"href\": \"http://127.0.0.1/nova/v2.1/servers/")
                    .append("detail?marker=").append(page.getLast().id()).append("\"}]");
        }
        return body.append("}").toString();
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static String fixture(String name) {
        try (InputStream in = StubCloud.class.getResourceAsStream("/stub-cloud/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
