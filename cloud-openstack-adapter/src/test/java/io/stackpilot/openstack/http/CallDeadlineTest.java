package io.stackpilot.openstack.http;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stackpilot.core.error.UpstreamTimeoutException;
import io.stackpilot.openstack.StubCloud;
import io.stackpilot.openstack.UpstreamObserver;
import okhttp3.Authenticator;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A service that answers in a slow drip, each piece inside the read timeout, still ends at the call's deadline. */
class CallDeadlineTest {
    private final StubCloud stub = new StubCloud();

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void the_deadline_is_the_connect_and_the_read_timeout_together() {
        assertThat(HttpClients.callDeadline(Duration.ofSeconds(5), Duration.ofSeconds(30)))
                .isEqualTo(Duration.ofSeconds(35));
        assertThat(HttpClients.create(Duration.ofSeconds(2), Duration.ofSeconds(3), UpstreamObserver.NONE,
                RetryPolicy.NONE, Authenticator.NONE).callTimeoutMillis()).isEqualTo(5000);
    }

    @Test
    void a_drip_fed_answer_ends_as_an_upstream_timeout() {
        // 40 pieces over 40 s: one every second, well inside the 2.5 s read timeout, so only the deadline can end it.
        stub.stub(get(urlPathEqualTo("/v2.1/limits")).willReturn(stub.json(200, "nova/limits.json")
                .withChunkedDribbleDelay(40, 40_000)));

        assertThatThrownBy(() -> stub.compute().limits(stub.userSession()))
                .isInstanceOfSatisfying(UpstreamTimeoutException.class, timeout -> {
                    assertThat(timeout.service()).isEqualTo("compute");
                    assertThat(timeout.getMessage()).isEqualTo("the compute service did not answer in time");
                });
        assertThat(stub.requestsTo("GET", "/v2.1/limits")).hasSize(1);
    }
}
