package io.stackpilot.openstack.nova;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.stackpilot.core.compute.ServerAction;
import io.stackpilot.core.compute.ServerControlGateway;
import io.stackpilot.core.compute.ServerId;
import io.stackpilot.core.error.ConflictException;
import io.stackpilot.core.error.InvalidRequestException;
import io.stackpilot.core.error.NotFoundException;
import io.stackpilot.openstack.StubCloud;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each server action is one POST to Nova's action API, with the exact body the Nova API reference gives. */
class NovaServerActionsTest {
    private static final String SERVER_ID = "0ff19dfc-339a-4326-9a56-6ef3c4ad5e23";
    private static final String ACTION_PATH = "/v2.1/servers/" + SERVER_ID + "/action";
    private final StubCloud stub = new StubCloud();
    private final ServerControlGateway control = stub.cloud.serverControl();

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void each_action_sends_novas_body_with_the_users_token_and_the_pinned_microversion() throws Exception {
        Map<ServerAction, String> expected = Map.of(
                new ServerAction.Start(), "{\"os-start\": null}",
                new ServerAction.Stop(), "{\"os-stop\": null}",
                new ServerAction.Reboot(false), "{\"reboot\": {\"type\": \"SOFT\"}}",
                new ServerAction.Reboot(true), "{\"reboot\": {\"type\": \"HARD\"}}",
                new ServerAction.Resize("2"), "{\"resize\": {\"flavorRef\": \"2\"}}",
                new ServerAction.ConfirmResize(), "{\"confirmResize\": null}",
                new ServerAction.RevertResize(), "{\"revertResize\": null}",
                new ServerAction.Rebuild("img-1"), "{\"rebuild\": {\"imageRef\": \"img-1\"}}");
        ObjectMapper json = new ObjectMapper();
        for (Map.Entry<ServerAction, String> action : expected.entrySet()) {
            stub.wiremock.resetRequests();
            // confirmResize answers 204, the others 202 (rebuild with the server, which is not needed).
            int status = action.getKey() instanceof ServerAction.ConfirmResize ? 204 : 202;
            stub.stub(post(urlPathEqualTo(ACTION_PATH)).willReturn(aResponse().withStatus(status)));

            control.act(stub.userSession(), new ServerId(SERVER_ID), action.getKey());

            LoggedRequest sent = stub.only("POST", ACTION_PATH);
            assertThat(json.readTree(sent.getBodyAsString())).as(action.getKey().toString())
                    .isEqualTo(json.readTree(action.getValue()));
            assertThat(sent.getHeader("X-Auth-Token")).isEqualTo(StubCloud.USER_TOKEN);
            assertThat(sent.getHeader("OpenStack-API-Version")).isEqualTo("compute 2.46");
            assertThat(sent.getHeader("Content-Type")).startsWith("application/json");
        }
    }

    @Test
    void novas_conflicting_request_is_a_conflict_with_its_message_and_request_id() {
        stub.stub(post(urlPathEqualTo(ACTION_PATH)).willReturn(stub.json(409, "nova/error-conflict-stop-stopped.json")));

        assertThatThrownBy(() -> control.act(stub.userSession(), new ServerId(SERVER_ID), new ServerAction.Stop()))
                .isInstanceOfSatisfying(ConflictException.class, conflict -> {
                    assertThat(conflict.getMessage()).contains("Cannot 'stop' instance", "vm_state stopped");
                    assertThat(conflict.upstreamRequestId()).contains("req-nova-error-conflict-stop-stopped.json");
                });
        assertThat(stub.requestsTo("POST", ACTION_PATH)).hasSize(1); // never retried
    }

    @Test
    void a_refused_flavor_ref_is_reported_on_the_flavor_field() {
        stub.stub(post(urlPathEqualTo(ACTION_PATH)).willReturn(stub.json(400, "nova/error-bad-flavor-ref.json")));

        assertThatThrownBy(() -> control.act(stub.userSession(), new ServerId(SERVER_ID),
                new ServerAction.Resize("99")))
                .isInstanceOfSatisfying(InvalidRequestException.class, invalid -> assertThat(invalid.problems())
                        .singleElement().satisfies(problem -> {
                            assertThat(problem.field()).isEqualTo("flavor");
                            assertThat(problem.message()).isEqualTo("Invalid flavorRef provided.");
                        }));
    }

    @Test
    void an_unknown_server_is_not_found() {
        stub.stub(post(urlPathEqualTo(ACTION_PATH)).willReturn(stub.json(404, "nova/error-item-not-found.json")));

        assertThatThrownBy(() -> control.act(stub.userSession(), new ServerId(SERVER_ID), new ServerAction.Start()))
                .isInstanceOfSatisfying(NotFoundException.class, notFound -> assertThat(notFound.id())
                        .isEqualTo(SERVER_ID));
    }

    @Test
    void the_console_log_asks_for_the_length_given_and_returns_novas_output() throws Exception {
        stub.stub(post(urlPathEqualTo(ACTION_PATH)).willReturn(stub.json(200, "nova/console-output.json")));

        String log = control.consoleLog(stub.userSession(), new ServerId(SERVER_ID), 3);

        assertThat(log).isEqualTo("FAKE CONSOLE OUTPUT\nANOTHER\nLAST LINE");
        assertThat(new ObjectMapper().readTree(stub.only("POST", ACTION_PATH).getBodyAsString()))
                .isEqualTo(new ObjectMapper().readTree("{\"os-getConsoleOutput\": {\"length\": 3}}"));
    }

    @Test
    void the_whole_console_log_is_asked_without_a_length() throws Exception {
        stub.stub(post(urlPathEqualTo(ACTION_PATH)).willReturn(stub.json(200, "nova/console-output.json")));

        control.consoleLog(stub.userSession(), new ServerId(SERVER_ID), null);

        assertThat(new ObjectMapper().readTree(stub.only("POST", ACTION_PATH).getBodyAsString()))
                .isEqualTo(new ObjectMapper().readTree("{\"os-getConsoleOutput\": {}}"));
    }

    @Test
    void an_id_that_would_change_the_path_sends_nothing() {
        assertThatThrownBy(() -> control.act(stub.userSession(), new ServerId(".."), new ServerAction.Stop()))
                .isInstanceOf(NotFoundException.class);
        assertThat(stub.requests()).isEmpty();
    }
}
