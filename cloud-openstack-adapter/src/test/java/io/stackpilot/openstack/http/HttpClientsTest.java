package io.stackpilot.openstack.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.stackpilot.openstack.UpstreamObserver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import okhttp3.Authenticator;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpClientsTest {
    private static final int CONCURRENT_CALLS = 40;

    private final HttpServer server = startServer();
    private final CountDownLatch allArrived = new CountDownLatch(CONCURRENT_CALLS);

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void keeps_the_connections_of_many_concurrent_calls_for_reuse() throws Exception {
        OkHttpClient client = HttpClients.create(Duration.ofSeconds(5), Duration.ofSeconds(30), UpstreamObserver.NONE,
                RetryPolicy.NONE, Authenticator.NONE);
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/";

        // The server answers only when every call has arrived, so each call holds its own connection.
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < CONCURRENT_CALLS; i++) {
                calls.add(threads.submit(() -> {
                    try (Response response = client.newCall(new Request.Builder().url(url).build()).execute()) {
                        response.body().string();
                        return response.code();
                    }
                }));
            }
            for (Future<Integer> call : calls) {
                assertThat(call.get()).isEqualTo(200);
            }
        }

        assertThat(client.connectionPool().idleConnectionCount()).isEqualTo(CONCURRENT_CALLS);
    }

    private HttpServer startServer() {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
            http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            http.createContext("/", exchange -> {
                try (exchange) {
                    allArrived.countDown();
                    allArrived.await(30, TimeUnit.SECONDS);
                    byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            });
            http.start();
            return http;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
