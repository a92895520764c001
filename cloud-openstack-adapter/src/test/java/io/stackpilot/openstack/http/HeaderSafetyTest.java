package io.stackpilot.openstack.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stackpilot.core.error.UnauthenticatedException;
import io.stackpilot.core.identity.Session;
import io.stackpilot.openstack.StubCloud;
import io.stackpilot.core.testing.TestData;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** OkHttp quotes a refused header value in its exception message; none of that may leave the adapter. */
class HeaderSafetyTest {
    private static final String TOKEN = "gAAAAABn-secret-t\u00f6ken-4f1c";
    private final StubCloud stub = new StubCloud();

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void a_token_no_header_may_carry_is_unauthenticated_and_quoted_nowhere() {
        Session session = new Session(TOKEN, TestData.demo(), stub.location());

        assertThatThrownBy(() -> stub.compute().listFlavors(session))
                .isInstanceOf(UnauthenticatedException.class)
                .satisfies(error -> assertThat(everything(error)).doesNotContain("secret"));
        assertThatThrownBy(() -> stub.cloud.identity().validate(TOKEN))
                .isInstanceOf(UnauthenticatedException.class)
                .satisfies(error -> assertThat(everything(error)).doesNotContain("secret"));
        assertThat(stub.requestsTo("GET", "/v2.1/flavors")).isEmpty();
    }

    @Test
    void any_other_refused_header_is_named_without_its_value() {
        OpenStackHttp http = new OpenStackHttp(new okhttp3.OkHttpClient());
        ApiCall call = ApiCall.get("compute", HttpUrl.get(stub.baseUrl() + "/v2.1/"), null, null)
                .withHeaders(Map.of("X-Custom", "value-with-secret\n"));

        assertThatThrownBy(() -> http.send(call)).isInstanceOf(IllegalArgumentException.class)
                .satisfies(error -> assertThat(everything(error)).contains("X-Custom").doesNotContain("secret"));
    }

    /** The exception as a log line with its stack trace would show it: messages of the whole cause chain. */
    private static String everything(Throwable error) {
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        return trace.toString();
    }
}
