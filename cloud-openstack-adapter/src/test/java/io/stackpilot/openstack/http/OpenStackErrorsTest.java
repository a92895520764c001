package io.stackpilot.openstack.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.core.error.ForbiddenException;
import io.stackpilot.core.error.InvalidRequestException;
import io.stackpilot.core.error.StackpilotException;
import io.stackpilot.core.error.UnauthenticatedException;
import io.stackpilot.core.error.UpstreamFailureException;
import io.stackpilot.core.error.UpstreamUnavailableException;
import java.util.List;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

class OpenStackErrorsTest {
    private final OpenStackErrors errors = new OpenStackErrors(OpenStackHttp.JSON);
    private final ApiCall call = ApiCall.get("compute", HttpUrl.get("http://h/v2.1/servers"), "t", null);

    @Test
    void reads_every_services_error_body_shape() {
        assertThat(errors.messageOf("{\"itemNotFound\": {\"code\": 404, \"message\": \"Instance x could not be found.\"}}"))
                .isEqualTo("Instance x could not be found.");
        assertThat(errors.messageOf("{\"NeutronError\": {\"type\": \"T\", \"message\": \"Bad.\", \"detail\": \"More.\"}}"))
                .isEqualTo("Bad. More.");
        assertThat(errors.messageOf("{\"error\": {\"code\": 401, \"message\": \"Needs auth.\", \"title\": \"U\"}}"))
                .isEqualTo("Needs auth.");
        assertThat(errors.messageOf("{\"message\": \"plain\"}")).isEqualTo("plain");
        assertThat(errors.messageOf("400 Bad Request\n\nThe server could not comply.")).isEqualTo(
                "400 Bad Request The server could not comply.");
        assertThat(errors.messageOf("")).isEmpty();
        assertThat(errors.messageOf("x".repeat(400))).hasSize(303);
    }

    @Test
    void names_the_field_of_a_bad_request_and_keeps_the_request_id() {
        var error = errors.fromStatus(call, 400, "{\"badRequest\": {\"message\": \"Invalid key_name provided.\"}}",
                "req-1");

        assertThat(error).isInstanceOfSatisfying(InvalidRequestException.class, invalid -> {
            assertThat(invalid.problems().getFirst().field()).isEqualTo("key_name");
            assertThat(invalid.upstreamRequestId()).contains("req-1");
        });
        assertThat(errors.fromStatus(call, 400, "{\"badRequest\": {\"message\": \"Invalid status value\"}}", null))
                .isInstanceOfSatisfying(InvalidRequestException.class, invalid ->
                        assertThat(invalid.problems().getFirst().field()).isEqualTo("request"));
    }

    @Test
    void maps_401_and_403() {
        assertThat(errors.fromStatus(call, 401, "", null)).isInstanceOf(UnauthenticatedException.class);
        assertThat(errors.fromStatus(call, 403, "{\"forbidden\": {\"message\": \"Policy says no\"}}", null))
                .isInstanceOf(ForbiddenException.class);
    }

    @Test
    void upstream_faults_name_the_service_and_the_request_id_but_never_the_clouds_address() {
        ApiCall internal = ApiCall.get("compute", HttpUrl.get("http://nova-internal.cluster.local:8774/v2.1/servers/x"),
                "t", null);
        String apachePage = "<html><head><title>503 Service Unavailable</title></head><body><h1>Service Unavailable"
                + "</h1><p>Backend http://10.0.0.5:8774/v2.1 at nova-internal.cluster.local:8774 is down.</p><address>"
                + "Apache/2.4.52 (Ubuntu) Server at 10.0.0.5 Port 8774</address></body></html>";

        List<StackpilotException> faults = List.of(
                errors.fromStatus(internal, 503, apachePage, "req-9"),
                errors.fromStatus(internal, 502, "", "req-9"),
                errors.fromStatus(internal, 504, "Gateway Timeout", "req-9"),
                errors.fromStatus(internal, 404, "", "req-9"),
                errors.fromFailure(internal, new java.net.ConnectException(
                        "Failed to connect to nova-internal.cluster.local/10.0.0.5:8774")),
                errors.fromFailure(internal, new java.net.SocketTimeoutException("timeout")),
                errors.unreadable(internal, "req-9", null));

        for (StackpilotException fault : faults) {
            assertThat(fault.getMessage()).as(fault.getClass().getSimpleName())
                    .doesNotContain("nova-internal").doesNotContain("10.0.0.5").doesNotContain("8774")
                    .doesNotContain("/v2.1");
        }
        assertThat(faults.getFirst().getMessage()).startsWith("the compute service answered 503");
        assertThat(faults.getFirst().upstreamRequestId()).contains("req-9");
        assertThat(faults.get(1).getMessage()).isEqualTo("the compute service answered 502");
    }

    @Test
    void an_answer_that_is_not_http_is_a_bad_gateway_not_an_unreachable_service() {
        StackpilotException garbage = errors.fromFailure(call, new java.net.ProtocolException(
                "Unexpected status line: \u0000SSH-2.0-garbage"));
        StackpilotException reset = errors.fromFailure(call, new java.net.SocketException("Connection reset"));

        assertThat(garbage).isInstanceOf(UpstreamFailureException.class)
                .hasMessage("the compute service sent an answer that is not HTTP");
        assertThat(reset).isInstanceOf(UpstreamUnavailableException.class);
    }
}
