package io.stackpilot.server;

import static io.stackpilot.server.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackpilot.core.error.StackpilotException;
import io.stackpilot.core.testing.TestData;
import io.stackpilot.openstack.http.ApiCall;
import io.stackpilot.openstack.http.OpenStackErrors;
import io.stackpilot.openstack.http.OpenStackHttp;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.Map;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A 502/503/504 says which service failed and quotes the cloud's request id, but shows nothing of where the cloud
 * runs. The errors are the adapter's own, made from a call to an internal endpoint as the adapter makes them.
 */
class UpstreamProblemApiTest {
    private static final ApiCall INTERNAL = ApiCall.get("compute",
            HttpUrl.get("http://nova-api.internal.example:8774/v2.1/flavors/detail"), "t", null);
    private static final String PROXY_PAGE = "<html><body><h1>503 Service Unavailable</h1>No server is available "
            + "to handle this request: backend nova-api.internal.example:8774 (10.20.30.40)<address>Apache Server at "
            + "nova-api.internal.example Port 8774</address></body></html>";

    private final OpenStackErrors errors = new OpenStackHttp(new okhttp3.OkHttpClient()).errors();
    private final TestServer app = TestServer.start();
    private final String demo = app.token(TestData.demo());

    @AfterEach
    void stop() {
        app.close();
    }

    @Test
    void upstream_problems_have_no_host_port_or_path_of_the_cloud() {
        Map<StackpilotException, String> faults = Map.of(
                errors.fromStatus(INTERNAL, 503, PROXY_PAGE, "req-503"), "upstream-unavailable",
                errors.fromStatus(INTERNAL, 500, "{\"computeFault\": {\"message\": \"Unexpected API Error.\"}}",
                        "req-500"), "upstream-failure",
                errors.fromStatus(INTERNAL, 504, "Gateway Timeout", "req-504"), "upstream-timeout",
                errors.fromFailure(INTERNAL, new ConnectException(
                        "Failed to connect to nova-api.internal.example/10.20.30.40:8774")), "upstream-unavailable",
                errors.fromFailure(INTERNAL, new SocketTimeoutException("timeout")), "upstream-timeout",
                errors.unreadable(INTERNAL, "req-200", null), "upstream-failure");

        faults.forEach((fault, slug) -> {
            app.cloud.failNext(() -> fault);
            var response = app.get("/api/v1/flavors", demo);
            JsonNode problem = assertProblem(response, response.statusCode(), slug);
            assertThat(response.statusCode()).isBetween(502, 504);
            assertThat(response.body()).as(slug).doesNotContain("internal.example").doesNotContain("10.20.30.40")
                    .doesNotContain("8774").doesNotContain("/v2.1");
            assertThat(problem.get("detail").asText()).startsWith("the compute service");
            fault.upstreamRequestId().ifPresent(id ->
                    assertThat(problem.get("upstream_request_id").asText()).isEqualTo(id));
        });
    }
}
