package io.stackpilot.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;

/**
 * A stub OpenStack that answers at once, for the benchmarks that must not measure the lab: Keystone issues and
 * validates one token for any password and lists {@code projects} projects; Nova serves the lab's flavors and
 * {@code servers} generated servers (spread over the projects, every tenth SHUTOFF) with Nova's paging (at most
 * 1,000 per page, {@code limit}/{@code marker}, a {@code next} link); Glance and Neutron serve captured lab lists.
 * Every request is counted by method and path ({@link #calls()}). Runs in its own process ({@link #main}) so that
 * its memory and CPU are not charged to the server under test.
 *
 * <p>Servers can also be booted and deleted (for the Kubernetes controller's benchmark): {@code POST /servers}
 * records a server that is ACTIVE at once (its name and metadata as asked), {@code GET /servers/{id}} answers it,
 * {@code DELETE} removes it, the list serves them after the generated ones (unpaged: the bench boots at most a few
 * thousand), and {@code GET /limits} says there is room.
 */
public final class BenchCloud implements AutoCloseable {
    static final String TOKEN = "gAAAAA-bench-token-5b7c1d";
    private static final int NOVA_MAX_LIMIT = 1000;
    /** The project of the token this cloud issues (auth-tokens-password.json): booted servers belong to it. */
    private static final String BOOT_PROJECT = "4661643948c848969bbdb5760dd254ac";

    private final HttpServer http;
    private final int servers;
    private final int projects;
    private final Map<String, byte[]> fixtures = new HashMap<>();
    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
    private final Map<String, Booted> booted = new ConcurrentHashMap<>();
    private final ObjectMapper json = new ObjectMapper();

    /** A server booted through {@code POST /servers}: the name, metadata, flavor and image it was asked with. */
    private record Booted(String id, String name, Map<String, String> metadata, String flavor, String image) {
    }

    public BenchCloud(int port, int servers, int projects) {
        this.servers = servers;
        this.projects = projects;
        try {
            http = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String base = "http://127.0.0.1:" + http.getAddress().getPort();
        String token = fixture("auth-tokens-password.json")
                .replace("http://127.0.0.1:8774", base + "/nova").replace("http://127.0.0.1:9292", base + "/glance")
                .replace("http://127.0.0.1:9696", base + "/neutron").replace("http://127.0.0.1:5000", base)
                .replaceAll("\"expires_at\": \"[^\"]+\"", "\"expires_at\": \"" + Instant.now().plus(Duration.ofDays(1))
                        .truncatedTo(ChronoUnit.SECONDS) + "\"");
        fixtures.put("/v3/auth/tokens", bytes(token));
        fixtures.put("/v3/domains", bytes(fixture("domains.json")));
        fixtures.put("/v3/projects", bytes(projectList()));
        fixtures.put("/nova/v2.1", bytes(fixture("version.json")));
        fixtures.put("/nova/v2.1/", bytes(fixture("version.json")));
        fixtures.put("/nova/v2.1/flavors/detail", bytes(fixture("flavors-detail.json")));
        fixtures.put("/glance/v2/images", bytes(fixture("images.json")));
        fixtures.put("/neutron/v2.0/networks", bytes(fixture("networks.json")));
        fixtures.put("/neutron/v2.0/subnets", bytes(fixture("subnets.json")));
        http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        http.createContext("/", exchange -> {
            try (exchange) {
                answer(exchange);
            }
        });
        http.start();
    }

    /** {@code BenchCloud <port> <servers> <projects>}: runs until killed; prints its auth URL when ready. */
    public static void main(String[] args) {
        BenchCloud cloud = new BenchCloud(Integer.parseInt(args[0]), Integer.parseInt(args[1]),
                Integer.parseInt(args[2]));
        System.out.println("bench cloud ready at " + cloud.authUrl());
    }

    public String authUrl() {
        return "http://127.0.0.1:" + http.getAddress().getPort() + "/v3";
    }

    /** The OS_* variables of a service account on this cloud. */
    public Map<String, String> serviceAccount() {
        return serviceAccount(authUrl());
    }

    static Map<String, String> serviceAccount(String authUrl) {
        return Map.of("OS_AUTH_URL", authUrl, "OS_USERNAME", "admin", "OS_PASSWORD", "bench",
                "OS_PROJECT_NAME", "admin", "OS_USER_DOMAIN_NAME", "Default", "OS_PROJECT_DOMAIN_NAME", "Default",
                "OS_REGION_NAME", "RegionOne", "OS_INTERFACE", "public");
    }

    /** Requests answered so far, by "METHOD path". */
    public Map<String, Long> calls() {
        Map<String, Long> copy = new HashMap<>();
        calls.forEach((key, count) -> copy.put(key, count.sum()));
        return copy;
    }

    /** Servers booted through {@code POST /servers} and not deleted. */
    public int bootedCount() {
        return booted.size();
    }

    public void resetCalls() {
        calls.clear();
    }

    private void answer(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        calls.computeIfAbsent(method + " " + path, key -> new LongAdder()).increment();
        byte[] body = exchange.getRequestBody().readAllBytes();
        if (path.equals("/v3/auth/tokens")) {
            exchange.getResponseHeaders().add("X-Subject-Token", TOKEN);
            send(exchange, method.equals("POST") ? 201 : 200, fixtures.get(path));
        } else if (path.equals("/nova/v2.1/servers/detail")) {
            send(exchange, 200, bytes(serverPage(query(exchange))));
        } else if (path.equals("/nova/v2.1/servers") && method.equals("POST")) {
            send(exchange, 202, bytes(boot(body)));
        } else if (path.startsWith("/nova/v2.1/servers/") && path.indexOf('/', 19) < 0) {
            Booted server = booted.get(path.substring(19));
            if (server != null && method.equals("DELETE")) {
                booted.remove(server.id());
                send(exchange, 204, null);
            } else if (server != null && method.equals("GET")) {
                StringBuilder one = new StringBuilder("{\"server\": ");
                appendBooted(one, server);
                send(exchange, 200, bytes(one.append("}").toString()));
            } else {
                send(exchange, 404, bytes("{\"itemNotFound\": {\"code\": 404, \"message\": \"Instance could not be"
                        + " found.\"}}"));
            }
        } else if (path.equals("/nova/v2.1/limits")) {
            send(exchange, 200, bytes("{\"limits\": {\"rate\": [], \"absolute\": {\"maxTotalInstances\": 100000, "
                    + "\"totalInstancesUsed\": " + booted.size() + ", \"maxTotalCores\": 1000000, "
                    + "\"totalCoresUsed\": " + booted.size() + ", \"maxTotalRAMSize\": 1000000000, "
                    + "\"totalRAMUsed\": " + booted.size() * 512 + "}}}"));
        } else if (fixtures.containsKey(path)) {
            send(exchange, 200, fixtures.get(path));
        } else {
            send(exchange, 404, bytes("{\"itemNotFound\": {\"code\": 404, \"message\": \"not in the bench cloud\"}}"));
        }
    }

    /** One page of servers, in id order, as Nova pages them (marker = the last id of the previous page). */
    private String serverPage(Map<String, String> query) {
        int limit = Math.min(NOVA_MAX_LIMIT, query.containsKey("limit") ? Integer.parseInt(query.get("limit"))
                : NOVA_MAX_LIMIT);
        boolean activeOnly = "ACTIVE".equals(query.get("status"));
        int index = query.containsKey("marker") ? Integer.parseInt(query.get("marker").substring(4)) + 1 : 0;
        StringBuilder json = new StringBuilder(limit * 700).append("{\"servers\": [");
        int written = 0;
        for (; index < servers && written < limit; index++) {
            boolean active = index % 10 != 0;
            if (activeOnly && !active) {
                continue;
            }
            json.append(written++ == 0 ? "" : ",");
            appendServer(json, index, active);
        }
        if (index >= servers) {
            String name = query.get("name");
            for (Booted server : booted.values()) {
                if (written < limit && (name == null || server.name().contains(name))) {
                    json.append(written++ == 0 ? "" : ",");
                    appendBooted(json, server);
                }
            }
        }
        json.append("]");
        if (written == limit && index < servers) {
            json.append(", \"servers_links\": [{\"rel\": \"next\", \"href\": \"http://127.0.0.1/v2.1/servers/detail"
                    + "?limit=").append(limit).append("&marker=").append(serverId(index - 1)).append("\"}]");
        }
        return json.append("}").toString();
    }

    private void appendServer(StringBuilder json, int index, boolean active) {
        int project = index % projects;
        json.append("{\"id\": \"").append(serverId(index)).append("\", \"name\": \"bench-").append(index)
                .append("\", \"status\": \"").append(active ? "ACTIVE" : "SHUTOFF")
                .append("\", \"tenant_id\": \"").append(projectId(project))
                .append("\", \"user_id\": \"a2fe78957f5c40319f5d67435d577f2c\", \"metadata\": {}, ")
                .append("\"hostId\": \"977d755e624804439eb87f64bdb921fcf0cdad005eed13436a9007ba\", ")
                .append("\"image\": {\"id\": \"520efe7c-2c81-4460-ba82-a9a8f5d5d74a\", \"links\": []}, ")
                .append("\"flavor\": {\"id\": \"1\", \"links\": []}, \"created\": \"2026-11-22T06:39:07Z\", ")
                .append("\"updated\": \"2026-11-22T06:39:09Z\", \"addresses\": {\"private\": [")
                .append("{\"version\": 4, \"addr\": \"10.0.").append(index / 250 % 256).append('.')
                .append(index % 250 + 2).append("\", \"OS-EXT-IPS:type\": \"fixed\", ")
                .append("\"OS-EXT-IPS-MAC:mac_addr\": \"fa:16:3e:b5:ef:22\"}]}, \"accessIPv4\": \"\", ")
                .append("\"accessIPv6\": \"\", \"OS-EXT-STS:vm_state\": \"").append(active ? "active" : "stopped")
                .append("\", \"OS-EXT-AZ:availability_zone\": \"nova\", \"key_name\": null, \"locked\": false, ")
                .append("\"tags\": [], \"security_groups\": [{\"name\": \"default\"}]}");
    }

    private String boot(byte[] body) throws IOException {
        JsonNode server = json.readTree(body).path("server");
        Map<String, String> metadata = new HashMap<>();
        server.path("metadata").properties().forEach(entry -> metadata.put(entry.getKey(), entry.getValue().asText()));
        Booted booted = new Booted(UUID.randomUUID().toString(), server.path("name").asText(), Map.copyOf(metadata),
                server.path("flavorRef").asText("1"), server.path("imageRef").asText(""));
        this.booted.put(booted.id(), booted);
        return "{\"server\": {\"id\": \"" + booted.id() + "\", \"links\": [], \"OS-DCF:diskConfig\": \"MANUAL\", "
                + "\"security_groups\": [{\"name\": \"default\"}], \"adminPass\": \"bench\"}}";
    }

    private void appendBooted(StringBuilder out, Booted server) {
        int index = Math.floorMod(server.id().hashCode(), 60_000);
        out.append("{\"id\": \"").append(server.id()).append("\", \"name\": ").append(quoted(
                        server.name())).append(", \"status\": \"ACTIVE\", \"tenant_id\": \"").append(BOOT_PROJECT)
                .append("\", \"user_id\": \"a2fe78957f5c40319f5d67435d577f2c\", \"metadata\": ")
                .append(quoted(server.metadata())).append(", ")
                .append("\"hostId\": \"977d755e624804439eb87f64bdb921fcf0cdad005eed13436a9007ba\", ")
                .append("\"image\": {\"id\": ").append(quoted(server.image()))
                .append(", \"links\": []}, \"flavor\": {\"id\": ").append(quoted(server.flavor()))
                .append(", \"links\": []}, \"created\": \"2026-11-22T06:39:07Z\", ")
                .append("\"updated\": \"2026-11-22T06:39:09Z\", \"addresses\": {\"private\": [")
                .append("{\"version\": 4, \"addr\": \"10.1.").append(index / 250 % 256).append('.')
                .append(index % 250 + 2).append("\", \"OS-EXT-IPS:type\": \"fixed\", ")
                .append("\"OS-EXT-IPS-MAC:mac_addr\": \"fa:16:3e:b5:ef:22\"}]}, \"accessIPv4\": \"\", ")
                .append("\"accessIPv6\": \"\", \"OS-EXT-STS:vm_state\": \"active\", ")
                .append("\"OS-EXT-AZ:availability_zone\": \"nova\", \"key_name\": null, \"locked\": false, ")
                .append("\"tags\": [], \"security_groups\": [{\"name\": \"default\"}]}");
    }

    private String quoted(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String serverId(int index) {
        return String.format("srv-%08d", index);
    }

    private static String projectId(int index) {
        return String.format("bench-project-%04d", index);
    }

    private String projectList() {
        StringBuilder json = new StringBuilder("{\"projects\": [");
        for (int p = 0; p < projects; p++) {
            json.append(p == 0 ? "" : ",").append("{\"id\": \"").append(projectId(p)).append("\", \"name\": \"bench-")
                    .append(p).append("\", \"domain_id\": \"default\", \"enabled\": true, \"is_domain\": false}");
        }
        return json.append("], \"links\": {\"next\": null}}").toString();
    }

    private static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> query = new HashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String part : raw.split("&")) {
                String[] pair = part.split("=", 2);
                query.put(URLDecoder.decode(pair[0], StandardCharsets.UTF_8),
                        pair.length < 2 ? "" : URLDecoder.decode(pair[1], StandardCharsets.UTF_8));
            }
        }
        return query;
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("x-openstack-request-id", "req-bench");
        if (body == null) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String fixture(String name) {
        try (InputStream in = BenchCloud.class.getResourceAsStream("/bench-cloud/" + name)) {
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
    }
}
