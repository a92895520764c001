package io.stackpilot.openstack.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.stackpilot.core.error.UpstreamTimeoutException;
import io.stackpilot.openstack.UpstreamObserver;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.Executors;
import okhttp3.Authenticator;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A service that answers in a slow drip, each byte inside the read timeout, still ends at the call's deadline. */
class CallDeadlineTest {
    /** 100 bytes, one every 100 ms: 10 s in all, never a pause near the 1 s read timeout. */
    private static final int DRIPS = 100;
    private final HttpServer dripping = startDripping();

    @AfterEach
    void stop() {
        dripping.stop(0);
    }

    @Test
    void the_deadline_is_the_connect_and_the_read_timeout_together() {
        assertThat(HttpClients.callDeadline(Duration.ofSeconds(5), Duration.ofSeconds(30)))
                .isEqualTo(Duration.ofSeconds(35));
        assertThat(client(Duration.ofSeconds(2), Duration.ofSeconds(3)).callTimeoutMillis()).isEqualTo(5000);
    }

    @Test
    void a_drip_fed_answer_ends_as_an_upstream_timeout() {
        OpenStackHttp http = new OpenStackHttp(client(Duration.ofSeconds(1), Duration.ofSeconds(1)));
        HttpUrl url = HttpUrl.get("http://127.0.0.1:" + dripping.getAddress().getPort() + "/v2.1/limits");

        assertThatThrownBy(() -> http.send(ApiCall.get("compute", url, "t", null)))
                .isInstanceOfSatisfying(UpstreamTimeoutException.class, timeout -> {
                    assertThat(timeout.service()).isEqualTo("compute");
                    assertThat(timeout.getMessage()).isEqualTo("the compute service did not answer in time");
                });
    }

    private static okhttp3.OkHttpClient client(Duration connect, Duration read) {
        return HttpClients.create(connect, read, UpstreamObserver.NONE, RetryPolicy.NONE, Authenticator.NONE);
    }

    private static HttpServer startDripping() {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
            http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            http.createContext("/", exchange -> {
                try (exchange) {
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, DRIPS);
                    OutputStream body = exchange.getResponseBody();
                    for (int i = 0; i < DRIPS; i++) {
                        body.write(' ');
                        body.flush();
                        Thread.sleep(100);
                    }
                } catch (IOException | InterruptedException clientGone) {
                    // The client gave up: what the test expects.
                }
            });
            http.start();
            return http;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
