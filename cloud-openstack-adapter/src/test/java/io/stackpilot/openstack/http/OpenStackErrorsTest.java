package io.stackpilot.openstack.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.core.error.ForbiddenException;
import io.stackpilot.core.error.InvalidRequestException;
import io.stackpilot.core.error.UnauthenticatedException;
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
}
