package io.stackpilot.server.lab;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;

/**
 * The lab's Keystone and Nova behind two small HTTP proxies in this process. The Keystone proxy rewrites the catalog
 * so that compute calls go through the Nova proxy; the Nova proxy can hold back the answer to the next
 * {@code POST /servers} after Nova has carried it out ({@link #holdNextBootAnswer}), which is what a client with a
 * shorter read timeout sees as a timeout on a boot that happened. Everything else passes unchanged.
 */
final class NovaBehindProxy implements AutoCloseable {
    private static final String KEYSTONE = "http://127.0.0.1:5000";
    private static final String NOVA = "http://127.0.0.1:8774";
    private static final Set<String> HOP_BY_HOP = Set.of("host", "connection", "content-length", "expect", "upgrade",
            "transfer-encoding", "keep-alive", "accept-encoding");

    private final ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final HttpServer keystone;
    private final HttpServer nova;
    private volatile Duration holdNextBoot;

    NovaBehindProxy() {
        nova = listen(exchange -> forward(exchange, NOVA, UnaryOperator.identity()));
        String novaProxy = "http://127.0.0.1:" + nova.getAddress().getPort();
        keystone = listen(exchange -> forward(exchange, KEYSTONE, body -> body.replace(NOVA, novaProxy)));
    }

    /** OS_AUTH_URL for the proxied Keystone. */
    String authUrl() {
        return "http://127.0.0.1:" + keystone.getAddress().getPort() + "/v3";
    }

    /** The next boot's answer reaches the client only {@code hold} after Nova gave it. */
    void holdNextBootAnswer(Duration hold) {
        holdNextBoot = hold;
    }

    private HttpServer listen(HttpHandler handler) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", handler);
            server.setExecutor(handlers);
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void forward(HttpExchange exchange, String upstream, UnaryOperator<String> rewrite) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            URI target = URI.create(upstream + exchange.getRequestURI().toString());
            HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(60))
                    .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase())) {
                    values.forEach(value -> request.header(name, value));
                }
            });
            HttpResponse<String> answer = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Duration hold = holdNextBoot;
            if (hold != null && exchange.getRequestMethod().equals("POST")
                    && exchange.getRequestURI().getPath().endsWith("/servers")) {
                holdNextBoot = null;
                Thread.sleep(hold.toMillis());
            }
            answer.headers().map().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase()) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, List.copyOf(values));
                }
            });
            byte[] out = rewrite.apply(answer.body()).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.statusCode(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                exchange.getResponseBody().write(out);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } catch (IOException clientGone) {
            // The client timed out and closed the connection: that is the point of holding the answer.
        }
    }

    @Override
    public void close() {
        keystone.stop(0);
        nova.stop(0);
        handlers.shutdownNow();
        client.close();
    }
}
