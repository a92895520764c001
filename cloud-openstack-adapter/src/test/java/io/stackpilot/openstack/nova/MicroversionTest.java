package io.stackpilot.openstack.nova;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.stackpilot.core.error.UpstreamFailureException;
import io.stackpilot.core.identity.Session;
import io.stackpilot.core.testing.TestData;
import io.stackpilot.openstack.UpstreamObserver;
import io.stackpilot.openstack.http.HttpClients;
import io.stackpilot.openstack.http.OpenStackHttp;
import io.stackpilot.openstack.http.RetryPolicy;
import io.stackpilot.openstack.testing.ConcurrentCallers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Authenticator;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The one-time version check under concurrency. While Nova hangs, callers that arrive during the check must share
 * its outcome: queueing each for a check of its own would cost each one more full read timeout, in turn.
 */
class MicroversionTest {
    private static final Session SESSION = TestData.session(TestData.demo());
    private static final int CALLERS = 4;
    private final AtomicInteger versionRequests = new AtomicInteger();
    private final CountDownLatch answer = new CountDownLatch(1);
    private volatile int status = 500;
    private final HttpServer nova = start();

    @AfterEach
    void stop() {
        answer.countDown();
        nova.stop(0);
    }

    @Test
    void callers_arriving_while_the_check_hangs_share_its_failure_and_a_later_call_checks_again() throws Exception {
        Microversion microversion = new Microversion(new OpenStackHttp(HttpClients.create(Duration.ofSeconds(5),
                Duration.ofSeconds(30), UpstreamObserver.NONE, RetryPolicy.NONE, Authenticator.NONE)));
        HttpUrl endpoint = HttpUrl.get("http://127.0.0.1:" + nova.getAddress().getPort() + "/v2.1");
        ConcurrentCallers callers = ConcurrentCallers
                .start(CALLERS, () -> microversion.ensureSupported(endpoint, SESSION))
                .awaitQueuedBehind(versionRequests::get);

        answer.countDown();
        List<Throwable> failures = callers.join();

        assertThat(failures).hasSize(CALLERS).allMatch(UpstreamFailureException.class::isInstance);
        assertThat(versionRequests.get()).as("version requests sent by concurrent callers").isEqualTo(1);

        status = 200;
        microversion.ensureSupported(endpoint, SESSION);
        microversion.ensureSupported(endpoint, SESSION);
        assertThat(versionRequests.get()).as("a failed check is not remembered; a passed one is").isEqualTo(2);
    }

    private HttpServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
            server.createContext("/", exchange -> {
                try (exchange) {
                    versionRequests.incrementAndGet();
                    answer.await(30, TimeUnit.SECONDS);
                    byte[] body = (status == 200 ? "{\"version\": {\"id\": \"v2.1\", \"status\": \"CURRENT\", "
                            + "\"version\": \"2.96\", \"min_version\": \"2.1\"}}"
                            : "{\"computeFault\": {\"code\": 500, \"message\": \"down\"}}")
                            .getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(status, body.length);
                    exchange.getResponseBody().write(body);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            });
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
