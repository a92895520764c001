package io.stackpilot.openstack.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
import io.stackpilot.core.compute.BootRequest;
import io.stackpilot.core.error.ConflictException;
import io.stackpilot.core.error.ForbiddenException;
import io.stackpilot.core.error.QuotaExceededException;
import io.stackpilot.core.error.UnauthenticatedException;
import io.stackpilot.core.error.UpstreamFailureException;
import io.stackpilot.core.error.UpstreamTimeoutException;
import io.stackpilot.core.error.UpstreamUnavailableException;
import io.stackpilot.core.identity.Session;
import io.stackpilot.openstack.StubCloud;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Errors, retries, timeouts and tracing, seen through the Nova gateway (they live in the shared HTTP layer). */
class UpstreamBehaviourTest {
    private static final BootRequest BOOT = new BootRequest("osa-x", "1", "img", List.of("net"), false, null, null,
            null);
    private final StubCloud stub = new StubCloud();

    @AfterEach
    void stop() {
        stub.close();
    }

    private void limitsAnswer(int status, String body) {
        stub.stub(get(urlPathEqualTo("/v2.1/limits")).willReturn(aResponse().withStatus(status)
                .withHeader("x-compute-request-id", "req-" + status).withBody(body)));
    }

    @Test
    void a_get_is_retried_on_503_and_then_succeeds() {
        stub.stub(get(urlPathEqualTo("/v2.1/limits")).inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503).withBody("busy")).willSetStateTo("recovered"));
        stub.stub(get(urlPathEqualTo("/v2.1/limits")).inScenario("flaky").whenScenarioStateIs("recovered")
                .willReturn(stub.json(200, "nova/limits.json")));

        assertThat(stub.compute().limits(stub.userSession()).maxInstances()).isEqualTo(10);
        assertThat(stub.requestsTo("GET", "/v2.1/limits")).hasSize(2);
        assertThat(stub.observed).containsSubsequence("compute GET 503", "compute GET 200");
    }

    @Test
    void a_get_failing_on_every_try_becomes_upstream_unavailable() {
        limitsAnswer(503, "<html><body><h1>503 Service Unavailable</h1>No server is available</body></html>");

        assertThatThrownBy(() -> stub.compute().limits(stub.userSession()))
                .isInstanceOfSatisfying(UpstreamUnavailableException.class, unavailable -> {
                    assertThat(unavailable.service()).isEqualTo("compute");
                    assertThat(unavailable.upstreamRequestId()).contains("req-503");
                    assertThat(unavailable.getMessage())
                            .isEqualTo("the compute service answered 503: No server is available");
                });
        assertThat(stub.requestsTo("GET", "/v2.1/limits")).hasSize(3);
    }

    @Test
    void a_post_is_never_retried() {
        stub.stub(post(urlPathEqualTo("/v2.1/servers")).willReturn(aResponse().withStatus(503)));

        assertThatThrownBy(() -> stub.compute().boot(stub.userSession(), BOOT))
                .isInstanceOf(UpstreamUnavailableException.class);
        assertThat(stub.requestsTo("POST", "/v2.1/servers")).hasSize(1);
    }

    @Test
    void a_post_whose_connection_breaks_is_not_retried_either() {
        stub.stub(post(urlPathEqualTo("/v2.1/servers")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThatThrownBy(() -> stub.compute().boot(stub.userSession(), BOOT))
                .isInstanceOf(UpstreamUnavailableException.class);
        assertThat(stub.requestsTo("POST", "/v2.1/servers")).hasSize(1);
    }

    @Test
    void a_get_whose_connection_breaks_is_retried() {
        stub.stub(get(urlPathEqualTo("/v2.1/limits")).inScenario("reset").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("fine"));
        stub.stub(get(urlPathEqualTo("/v2.1/limits")).inScenario("reset").whenScenarioStateIs("fine")
                .willReturn(stub.json(200, "nova/limits.json")));

        assertThat(stub.compute().limits(stub.userSession()).maxCores()).isEqualTo(20);
        assertThat(stub.observed).containsSubsequence("compute GET 0", "compute GET 200");
    }

    @Test
    void a_read_timeout_becomes_upstream_timeout_without_retry() {
        stub.stub(get(urlPathEqualTo("/v2.1/limits")).willReturn(stub.json(200, "nova/limits.json")
                .withFixedDelay((int) StubCloud.READ_TIMEOUT.multipliedBy(2).toMillis())));

        assertThatThrownBy(() -> stub.compute().limits(stub.userSession()))
                .isInstanceOfSatisfying(UpstreamTimeoutException.class, timeout ->
                        assertThat(timeout.service()).isEqualTo("compute"));
        assertThat(stub.requestsTo("GET", "/v2.1/limits")).hasSize(1);
    }

    @Test
    void a_refused_connection_becomes_upstream_unavailable() {
        int port = stub.wiremock.port();
        stub.stub(get(urlPathEqualTo("/v2.1/limits")).willReturn(stub.json(200, "nova/limits.json")));
        stub.compute().limits(stub.userSession());
        stub.wiremock.stop();

        assertThatThrownBy(() -> stub.compute().limits(stub.userSession()))
                .isInstanceOfSatisfying(UpstreamUnavailableException.class, unavailable ->
                        assertThat(unavailable.getMessage()).isEqualTo(
                                "the compute service could not be reached (ConnectException)")
                                .doesNotContain("localhost").doesNotContain(Integer.toString(port)));
    }

    @Test
    void a_504_is_an_upstream_timeout_and_a_500_compute_fault_an_upstream_failure() {
        limitsAnswer(504, "Gateway Timeout");
        assertThatThrownBy(() -> stub.compute().limits(stub.userSession()))
                .isInstanceOf(UpstreamTimeoutException.class);

        limitsAnswer(500, "{\"computeFault\": {\"code\": 500, \"message\": \"Unexpected API Error.\"}}");
        assertThatThrownBy(() -> stub.compute().limits(stub.userSession()))
                .isInstanceOf(UpstreamFailureException.class)
                .hasMessage("the compute service answered 500: Unexpected API Error.");
        assertThat(stub.requestsTo("GET", "/v2.1/limits")).hasSize(3 + 1);
    }

    @Test
    void over_limit_413_429_and_a_403_about_quota_are_quota_errors() {
        for (int status : new int[] {413, 429}) {
            limitsAnswer(status, "{\"overLimit\": {\"code\": " + status + ", \"message\": \"Quota exceeded for"
                    + " instances: Requested 1, but already used 10 of 10 instances\", \"retryAfter\": \"0\"}}");
            assertThatThrownBy(() -> stub.compute().limits(stub.userSession()))
                    .isInstanceOfSatisfying(QuotaExceededException.class, quota ->
                            assertThat(quota.upstreamRequestId()).contains("req-" + status))
                    .hasMessageStartingWith("Quota exceeded for instances");
        }
        limitsAnswer(403, "{\"forbidden\": {\"code\": 403, \"message\": \"Quota exceeded for cores: Requested 2,"
                + " but already used 20 of 20 cores\"}}");
        assertThatThrownBy(() -> stub.compute().limits(stub.userSession()))
                .isInstanceOf(QuotaExceededException.class);
    }

    @Test
    void a_boot_answered_429_rate_limit_or_503_asks_to_slow_down_for_the_retry_after_it_names() {
        stub.stub(post(urlPathEqualTo("/v2.1/servers")).willReturn(aResponse().withStatus(429)
                .withHeader("Content-Type", "application/json").withHeader("Retry-After", "17")
                .withHeader("x-openstack-request-id", "req-429")
                .withBody("{\"overLimit\": {\"code\": 429, \"message\": \"This request was rate-limited.\"}}")));
        assertThatThrownBy(() -> stub.compute().boot(stub.userSession(), BOOT))
                .isInstanceOfSatisfying(UpstreamUnavailableException.class, throttled -> {
                    assertThat(throttled.slowDown()).isTrue();
                    assertThat(throttled.retryAfter()).contains(java.time.Duration.ofSeconds(17));
                    assertThat(throttled.upstreamRequestId()).contains("req-429");
                })
                .hasMessage("the compute service answered 429: This request was rate-limited.");

        stub.stub(post(urlPathEqualTo("/v2.1/servers")).willReturn(aResponse().withStatus(503).withBody("busy")));
        assertThatThrownBy(() -> stub.compute().boot(stub.userSession(), BOOT))
                .isInstanceOfSatisfying(UpstreamUnavailableException.class, unavailable -> {
                    assertThat(unavailable.slowDown()).isTrue();
                    assertThat(unavailable.retryAfter()).isEmpty();
                });
        assertThat(stub.requestsTo("POST", "/v2.1/servers")).as("a POST is never retried").hasSize(2);
    }

    @Test
    void a_cloud_that_cannot_be_reached_is_unavailable_but_did_not_ask_to_slow_down() {
        stub.stub(post(urlPathEqualTo("/v2.1/servers")).willReturn(aResponse()
                .withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThatThrownBy(() -> stub.compute().boot(stub.userSession(), BOOT))
                .isInstanceOfSatisfying(UpstreamUnavailableException.class, unreachable ->
                        assertThat(unreachable.slowDown()).isFalse());
    }

    @Test
    void forbidden_and_conflicting_requests_map_to_their_errors() {
        stub.stub(get(urlPathEqualTo("/v2.1/limits")).willReturn(stub.json(403, "nova/error-forbidden.json")));
        assertThatThrownBy(() -> stub.compute().limits(stub.userSession()))
                .isInstanceOf(ForbiddenException.class)
                .hasMessage("Policy doesn't allow os_compute_api:os-simple-tenant-usage:list to be performed.");

        limitsAnswer(409, "{\"conflictingRequest\": {\"code\": 409, \"message\": \"Cannot 'delete' instance while"
                + " it is in task_state deleting\"}}");
        assertThatThrownBy(() -> stub.compute().limits(stub.userSession()))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("task_state deleting");
    }

    @Test
    void a_users_rejected_token_is_unauthenticated_and_not_refreshed() {
        limitsAnswer(401, "{\"error\": {\"code\": 401, \"message\": \"The request you have made requires"
                + " authentication.\", \"title\": \"Unauthorized\"}}");

        assertThatThrownBy(() -> stub.compute().limits(stub.userSession()))
                .isInstanceOf(UnauthenticatedException.class);
        assertThat(stub.requestsTo("POST", "/v3/auth/tokens")).hasSize(1);
        assertThat(stub.requestsTo("GET", "/v2.1/limits")).hasSize(1);
    }

    @Test
    void a_service_session_call_rejected_with_401_is_sent_once_more_with_a_fresh_service_token() {
        Session service = stub.cloud.serviceSession();
        stub.stub(get(urlPathEqualTo("/v2.1/limits")).withHeader("X-Auth-Token", equalTo(StubCloud.SERVICE_TOKEN))
                .willReturn(aResponse().withStatus(401).withBody("{\"error\": {\"code\": 401}}")));
        stub.stub(get(urlPathEqualTo("/v2.1/limits")).withHeader("X-Auth-Token", equalTo("service-token-2"))
                .willReturn(stub.json(200, "nova/limits.json")));
        stub.stubServiceLogin("service-token-2");

        assertThat(stub.compute().limits(service).maxInstances()).isEqualTo(10);
        assertThat(stub.requestsTo("GET", "/v2.1/limits")).extracting(request -> request.getHeader("X-Auth-Token"))
                .containsExactly(StubCloud.SERVICE_TOKEN, "service-token-2");
        assertThat(stub.requestsTo("POST", "/v3/auth/tokens")).hasSize(2);
        assertThat(stub.cloud.serviceSession().token()).isEqualTo("service-token-2");
    }

    @Test
    void records_the_cloud_request_ids_into_the_sessions_trace() {
        stub.stub(get(urlPathEqualTo("/v2.1/limits")).willReturn(stub.json(200, "nova/limits.json")));
        Session session = stub.userSession();

        stub.compute().limits(session);

        assertThat(session.trace().requestIds()).containsExactly("req-nova-limits.json");
    }

    @Test
    void an_unreadable_success_body_is_an_upstream_failure() {
        limitsAnswer(200, "<html>proxy login page</html>");

        assertThatThrownBy(() -> stub.compute().limits(stub.userSession()))
                .isInstanceOf(UpstreamFailureException.class)
                .hasMessageContaining("cannot be read");
    }

    @Test
    void a_success_body_that_breaks_off_while_it_is_read_is_a_broken_answer_not_an_unreadable_one() {
        // The JSON is read straight from the connection: a transport failure inside the parser stays one.
        stub.stub(get(urlPathEqualTo("/v2.1/limits"))
                .willReturn(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)));

        assertThatThrownBy(() -> stub.compute().limits(stub.userSession()))
                .isInstanceOf(UpstreamFailureException.class)
                .hasMessageContaining("not HTTP")
                .hasMessageNotContaining("cannot be read");
    }
}
