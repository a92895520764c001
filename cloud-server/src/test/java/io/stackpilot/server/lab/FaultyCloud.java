package io.stackpilot.server.lab;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A small OpenStack on JDK HTTP servers whose Keystone works (the service account logs in with
 * {@link #SERVICE_PASSWORD}, the caller's {@link #USER_TOKEN} validates as demo in project demo; Glance and Neutron
 * answer empty lists) while one service misbehaves as {@link Fault} says: Nova refuses connections (its catalog
 * port has no listener), answers slower than any sane read timeout, or answers a 5xx status; or Keystone's login of the
 * service account is slow; or its token validation is slow or answers 503. Close it to stop every server and
 * interrupt sleeping answers.
 */
final class FaultyCloud implements AutoCloseable {
    static final String SERVICE_PASSWORD = "jr-Service-Pa55-7c41d2";
    static final String SERVICE_TOKEN = "gAAAAA-jr-service-token-5e8a0b7c6d";
    static final String USER_TOKEN = "gAAAAA-jr-user-token-1f2e3d4c5b6a";
    static final Duration SLOW_ANSWER = Duration.ofSeconds(60);

    /** What goes wrong; {@code status} only for the status faults. */
    enum Fault {
        /** Nothing: the faults come from a {@link FaultProxy} put in front of Nova ({@link #routeNovaThrough}). */
        NONE, NOVA_DOWN, NOVA_SLOW, NOVA_STATUS, KEYSTONE_LOGIN_SLOW, KEYSTONE_VALIDATION_SLOW, KEYSTONE_VALIDATION_STATUS
    }

    private final Fault fault;
    private final int status;
    private final ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpServer keystone;
    private final HttpServer nova;
    private final String tokenTemplate;
    private volatile int novaCatalogPort;

    FaultyCloud(Fault fault, int status) {
        this.fault = fault;
        this.status = status;
        keystone = listen(this::answerKeystone);
        int novaPort;
        if (fault == Fault.NOVA_DOWN) {
            nova = null;
            novaPort = closedPort();
        } else {
            nova = listen(this::answerNova);
            novaPort = nova.getAddress().getPort();
        }
        String base = "http://127.0.0.1:" + keystone.getAddress().getPort();
        novaCatalogPort = novaPort;
        tokenTemplate = fixture("keystone/auth-tokens-password.json")
                .replace("http://127.0.0.1:8774", "http://127.0.0.1:NOVA_PORT")
                .replace("http://127.0.0.1:9292", base + "/glance").replace("http://127.0.0.1:9696", base + "/neutron")
                .replace("http://127.0.0.1:5000", base)
                .replaceAll("\"expires_at\": \"[^\"]+\"", "\"expires_at\": \"" + Instant.now().plus(Duration.ofHours(2))
                        .truncatedTo(ChronoUnit.SECONDS) + "\"");
    }

    /** The port Nova's stub listens on (none for {@link Fault#NOVA_DOWN}). */
    int novaPort() {
        return nova.getAddress().getPort();
    }

    /** The catalog names {@code port} for Nova from now on (a proxy in front of {@link #novaPort()}). */
    void routeNovaThrough(int port) {
        novaCatalogPort = port;
    }

    private String tokenBody() {
        return tokenTemplate.replace("NOVA_PORT", Integer.toString(novaCatalogPort));
    }

    /** The OS_* variables of the service account. */
    Map<String, String> serviceAccount() {
        return Map.of("OS_AUTH_URL", "http://127.0.0.1:" + keystone.getAddress().getPort() + "/v3",
                "OS_USERNAME", "admin", "OS_PASSWORD", SERVICE_PASSWORD, "OS_PROJECT_NAME", "admin",
                "OS_USER_DOMAIN_NAME", "Default", "OS_PROJECT_DOMAIN_NAME", "Default", "OS_REGION_NAME", "RegionOne",
                "OS_INTERFACE", "public");
    }

    private void answerKeystone(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (path.equals("/v3/auth/tokens") && exchange.getRequestMethod().equals("POST")) {
            if (fault == Fault.KEYSTONE_LOGIN_SLOW) {
                sleep(SLOW_ANSWER);
            }
            if (!body.contains(SERVICE_PASSWORD)) {
                send(exchange, 401, "{\"error\": {\"code\": 401, \"title\": \"Unauthorized\", \"message\": "
                        + "\"The request you have made requires authentication.\"}}");
                return;
            }
            exchange.getResponseHeaders().add("X-Subject-Token", SERVICE_TOKEN);
            send(exchange, 201, tokenBody());
        } else if (path.equals("/v3/auth/tokens")) {
            validate(exchange);
        } else if (path.equals("/v3/projects") || path.equals("/v3/domains")) {
            send(exchange, 200, fixture("keystone" + path.substring(3) + ".json"));
        } else if (path.startsWith("/glance/")) {
            send(exchange, 200, "{\"images\": []}");
        } else if (path.startsWith("/neutron/")) {
            send(exchange, 200, "{\"networks\": [], \"subnets\": []}");
        } else {
            send(exchange, 404, "{\"error\": {\"code\": 404, \"message\": \"not in the stub\"}}");
        }
    }

    private void validate(HttpExchange exchange) throws IOException {
        if (fault == Fault.KEYSTONE_VALIDATION_SLOW) {
            sleep(SLOW_ANSWER);
        }
        if (fault == Fault.KEYSTONE_VALIDATION_STATUS) {
            send(exchange, status, "{\"error\": {\"code\": " + status + ", \"title\": \"Service Unavailable\", "
                    + "\"message\": \"The server is currently unavailable. Please try again at a later time.\"}}");
            return;
        }
        boolean known = SERVICE_TOKEN.equals(exchange.getRequestHeaders().getFirst("X-Auth-Token"))
                && USER_TOKEN.equals(exchange.getRequestHeaders().getFirst("X-Subject-Token"));
        exchange.getResponseHeaders().add("X-Subject-Token", USER_TOKEN);
        send(exchange, known ? 200 : 404, known ? tokenBody()
                : "{\"error\": {\"code\": 404, \"message\": \"Could not find token.\"}}");
    }

    private void answerNova(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        String path = exchange.getRequestURI().getPath();
        if (fault == Fault.NOVA_SLOW) {
            sleep(SLOW_ANSWER);
        }
        if (fault == Fault.NOVA_STATUS && !path.equals("/v2.1/")) {
            exchange.getResponseHeaders().add("x-openstack-request-id", "req-jr-fault-" + status);
            send(exchange, status, status == 500
                    ? "{\"computeFault\": {\"code\": 500, \"message\": \"Unexpected API Error. Please report this at "
                    + "http://bugs.launchpad.net/nova/ and attach the Nova API log if possible.\\n<class "
                    + "'oslo_db.exception.DBConnectionError'>\"}}"
                    : "<html><head><title>" + status + " Proxy Error</title></head><body><h1>" + status
                    + " Proxy Error</h1>The upstream server did not answer.</body></html>");
            return;
        }
        if (fault == Fault.NONE && path.endsWith("/flavors/detail")) {
            send(exchange, 200, "{\"flavors\": []}");
            return;
        }
        send(exchange, 200, "{\"version\": {\"id\": \"v2.1\", \"status\": \"CURRENT\", \"version\": \"2.96\", "
                + "\"min_version\": \"2.1\"}}");
    }

    private HttpServer listen(Handler handler) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
            server.setExecutor(handlers);
            server.createContext("/", exchange -> {
                try (exchange) {
                    handler.answer(exchange);
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface Handler {
        void answer(HttpExchange exchange) throws IOException;
    }

    /** A port that was free a moment ago and has no listener now: connecting to it is refused. */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", body.startsWith("<") ? "text/html" : "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static String fixture(String name) {
        try (InputStream in = FaultyCloud.class.getResourceAsStream("/stub-cloud/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        keystone.stop(0);
        if (nova != null) {
            nova.stop(0);
        }
        handlers.shutdownNow();
    }
}
