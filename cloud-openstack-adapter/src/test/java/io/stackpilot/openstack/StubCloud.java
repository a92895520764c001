package io.stackpilot.openstack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.Extension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.stackpilot.core.identity.Principal;
import io.stackpilot.core.identity.Session;
import io.stackpilot.core.testing.MutableClock;
import io.stackpilot.core.testing.TestData;
import io.stackpilot.openstack.http.RetryPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A WireMock "cloud" serving the fixtures captured from the lab (their lab URLs rewritten to the stub's), with an
 * {@link OpenStackCloud} connected to it: service account admin by password, public interface, RegionOne,
 * millisecond retry backoff and a short read timeout (or one of the test's own). The clock starts before the
 * fixtures' token expiry.
 */
public final class StubCloud implements AutoCloseable {
    /**
     * Short enough for the timeout tests, long enough that a first request under a loaded CI machine (WireMock and the
     * JIT still cold; 700 ms failed there at load 7-9) does not time out by accident.
     */
    public static final Duration READ_TIMEOUT = Duration.ofMillis(2500);
    /**
     * For tests that prove something other than a timeout: long enough never to be reached by a slow answer under any
     * load, so that such a test fails only for what it checks (a stub that never answers still fails it, later).
     */
    public static final Duration PATIENT_READ_TIMEOUT = Duration.ofSeconds(60);
    public static final String SERVICE_TOKEN = "service-token-1";
    public static final String USER_TOKEN = "user-token-1";

    public final WireMockServer wiremock;
    public final MutableClock clock = MutableClock.at("2026-11-22T07:00:00Z");
    public final List<String> observed = new CopyOnWriteArrayList<>();
    public final OpenStackCloud cloud;

    public StubCloud() {
        this(RetryPolicy.DEFAULT.maxAttempts(), "public", "RegionOne");
    }

    /** With its own read timeout, e.g. {@link #PATIENT_READ_TIMEOUT}. */
    public StubCloud(Duration readTimeout) {
        this(RetryPolicy.DEFAULT.maxAttempts(), "public", "RegionOne", readTimeout, new Extension[0]);
    }

    public StubCloud(int attempts, String endpointInterface, String region) {
        this(attempts, endpointInterface, region, READ_TIMEOUT, new Extension[0]);
    }

    /** With WireMock extensions, e.g. a response transformer that a stub names with {@code withTransformers}. */
    public StubCloud(Extension... extensions) {
        this(RetryPolicy.DEFAULT.maxAttempts(), "public", "RegionOne", READ_TIMEOUT, extensions);
    }

    private StubCloud(int attempts, String endpointInterface, String region, Duration readTimeout,
                      Extension[] extensions) {
        wiremock = new WireMockServer(options().dynamicPort().extensions(extensions));
        wiremock.start();
        CloudSettings settings = new CloudSettings("stub", baseUrl() + "/v3", CloudSettings.AuthType.PASSWORD,
                "admin", "admin-secret", null, "Default", null, "admin", null, "Default", null, null, region,
                endpointInterface, Duration.ofSeconds(2), readTimeout, null, true, null);
        cloud = OpenStackCloud.connect(settings, (service, method, status, nanos) -> observed.add(service + " "
                + method + " " + status), new RetryPolicy(attempts, Duration.ofMillis(1)), clock);
        stubServiceLogin(SERVICE_TOKEN);
        wiremock.stubFor(get(urlPathEqualTo("/v2.1/")).willReturn(json(200, "nova/version.json")));
    }

    public String baseUrl() {
        return "http://localhost:" + wiremock.port();
    }

    public void stubServiceLogin(String token) {
        wiremock.stubFor(post(urlPathEqualTo("/v3/auth/tokens")).willReturn(json(201, "keystone/auth-tokens-password.json")
                .withHeader("X-Subject-Token", token)));
    }

    public void stub(MappingBuilder mapping) {
        wiremock.stubFor(mapping);
    }

    /** A response with the fixture's JSON, lab URLs pointing at the stub, and a request id. */
    public ResponseDefinitionBuilder json(int status, String fixture) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withHeader("x-openstack-request-id", "req-" + fixture.replace('/', '-'))
                .withBody(fixture(fixture));
    }

    public String fixture(String name) {
        try (InputStream in = StubCloud.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replaceAll("http://127\\.0\\.0\\.1:\\d+", baseUrl());
        } catch (IOException failure) {
            throw new IllegalStateException(failure);
        }
    }

    public Session userSession() {
        return userSession(TestData.demo());
    }

    public Session userSession(Principal principal) {
        return new Session(USER_TOKEN, principal, cloud.location());
    }

    public List<LoggedRequest> requests() {
        return wiremock.getAllServeEvents().stream().map(event -> event.getRequest()).toList().reversed();
    }

    public List<LoggedRequest> requestsTo(String method, String pathPrefix) {
        return requests().stream().filter(request -> request.getMethod().value().equals(method)
                && request.getUrl().startsWith(pathPrefix)).toList();
    }

    public io.stackpilot.core.compute.ComputeGateway compute() {
        return cloud.compute();
    }

    public io.stackpilot.core.common.Location location() {
        return cloud.location();
    }

    /** The one request with this method and exactly this path (query ignored); fails when there is not exactly one. */
    public LoggedRequest only(String method, String path) {
        List<LoggedRequest> matching = requests().stream().filter(request -> request.getMethod().value()
                .equals(method) && request.getUrl().split("\\?")[0].equals(path)).toList();
        org.assertj.core.api.Assertions.assertThat(matching).as(method + " " + path).hasSize(1);
        return matching.getFirst();
    }

    @Override
    public void close() {
        cloud.close();
        wiremock.stop();
    }
}
