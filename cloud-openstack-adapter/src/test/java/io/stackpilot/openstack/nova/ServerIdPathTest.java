package io.stackpilot.openstack.nova;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stackpilot.core.compute.ServerId;
import io.stackpilot.core.error.NotFoundException;
import io.stackpilot.core.error.UpstreamFailureException;
import io.stackpilot.openstack.StubCloud;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A server id never changes the path it is put into: dot segments are refused, other characters encoded. */
class ServerIdPathTest {
    private final StubCloud stub = new StubCloud();

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void a_dot_segment_id_is_not_found_without_a_request_to_nova() {
        for (String id : new String[] {"..", ".", "%2E%2E", "%2e.", ".%2E"}) {
            assertThat(stub.compute().findServer(stub.userSession(), new ServerId(id))).as(id).isEmpty();
            assertThatThrownBy(() -> stub.compute().delete(stub.userSession(), new ServerId(id))).as(id)
                    .isInstanceOf(NotFoundException.class);
        }
        assertThat(stub.requests()).as("no request to Nova at all").isEmpty();
    }

    @Test
    void slashes_and_query_characters_stay_inside_the_one_segment() {
        assertThat(stub.compute().findServer(stub.userSession(), new ServerId("a/../b?c#d"))).isEmpty();

        assertThat(stub.requestsTo("GET", "/v2.1/servers/").getFirst().getUrl())
                .isEqualTo("/v2.1/servers/a%2F..%2Fb%3Fc%23d");
    }

    @Test
    void an_answer_that_is_not_a_server_is_an_upstream_failure_not_a_crash() {
        stub.stub(get(urlPathEqualTo("/v2.1/servers/detail")).willReturn(stub.json(200, "nova/servers-detail.json")));

        assertThatThrownBy(() -> stub.compute().findServer(stub.userSession(), new ServerId("detail")))
                .isInstanceOf(UpstreamFailureException.class).hasMessageContaining("cannot be read");
    }
}
