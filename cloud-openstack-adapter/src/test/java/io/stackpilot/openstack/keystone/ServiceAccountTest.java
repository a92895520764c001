package io.stackpilot.openstack.keystone;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.stackpilot.core.error.UpstreamException;
import io.stackpilot.openstack.CloudSettings;
import io.stackpilot.openstack.UpstreamObserver;
import io.stackpilot.openstack.http.HttpClients;
import io.stackpilot.openstack.http.OpenStackHttp;
import io.stackpilot.openstack.http.RetryPolicy;
import io.stackpilot.openstack.testing.ConcurrentCallers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Authenticator;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The service account's login under concurrency. While Keystone hangs, callers that need the token during a login
 * must share its outcome: queueing each for a login of its own would cost each one more full read timeout, in turn.
 */
class ServiceAccountTest {
    private static final int CALLERS = 4;
    private final AtomicInteger logins = new AtomicInteger();
    private final CountDownLatch answer = new CountDownLatch(1);
    private volatile int status = 503;
    private final HttpServer keystone = start();

    @AfterEach
    void stop() {
        answer.countDown();
        keystone.stop(0);
    }

    @Test
    void callers_arriving_while_the_login_hangs_share_its_failure_and_a_later_call_logs_in_again() throws Exception {
        ServiceAccount account = account();
        ConcurrentCallers callers = ConcurrentCallers.start(CALLERS, () -> account.issued())
                .awaitQueuedBehind(logins::get);

        answer.countDown();
        List<Throwable> failures = callers.join();

        assertThat(failures).hasSize(CALLERS).allMatch(UpstreamException.class::isInstance);
        assertThat(logins.get()).as("logins sent for concurrent callers").isEqualTo(1);

        status = 201;
        String token = account.issued().token();
        assertThat(account.issued().token()).isEqualTo(token);
        assertThat(logins.get()).as("a failed login is not remembered; a good token is").isEqualTo(2);
    }

    private ServiceAccount account() {
        String authUrl = "http://127.0.0.1:" + keystone.getAddress().getPort() + "/v3";
        List<String> problems = new ArrayList<>();
        CloudSettings settings = CloudSettings.fromEnvironment(Map.of("OS_AUTH_URL", authUrl, "OS_USERNAME", "admin",
                "OS_PASSWORD", "secret", "OS_PROJECT_NAME", "admin"), problems);
        assertThat(problems).isEmpty();
        ServiceAccount account = new ServiceAccount(settings, Clock.systemUTC());
        account.bind(new KeystoneTokens(new OpenStackHttp(HttpClients.create(Duration.ofSeconds(5),
                Duration.ofSeconds(30), UpstreamObserver.NONE, RetryPolicy.NONE, Authenticator.NONE)),
                HttpUrl.get(authUrl)));
        return account;
    }

    private HttpServer start() {
        String issued = fixture().replaceAll("\"expires_at\": \"[^\"]+\"", "\"expires_at\": \""
                + Instant.now().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS) + "\"");
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
            server.createContext("/", exchange -> {
                try (exchange) {
                    exchange.getRequestBody().readAllBytes();
                    logins.incrementAndGet();
                    answer.await(30, TimeUnit.SECONDS);
                    byte[] body = (status == 201 ? issued : "{\"error\": {\"code\": 503, \"message\": \"down\"}}")
                            .getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("X-Subject-Token", "token-" + logins.get());
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

    private static String fixture() {
        try (InputStream in = ServiceAccountTest.class.getResourceAsStream(
                "/fixtures/keystone/auth-tokens-password.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
