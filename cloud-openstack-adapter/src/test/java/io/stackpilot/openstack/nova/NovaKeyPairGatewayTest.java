package io.stackpilot.openstack.nova;

import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.stackpilot.core.compute.KeyPair;
import io.stackpilot.core.compute.NewKeyPair;
import io.stackpilot.core.error.ConflictException;
import io.stackpilot.openstack.StubCloud;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NovaKeyPairGatewayTest {
    private final StubCloud stub = new StubCloud();

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void lists_and_shows_the_users_key_pairs_at_the_pinned_microversion_without_a_user_id() {
        stub.stub(get(urlPathEqualTo("/v2.1/os-keypairs")).willReturn(stub.json(200, "nova/os-keypairs.json")));
        stub.stub(get(urlPathEqualTo("/v2.1/os-keypairs/laptop")).willReturn(stub.json(200,
                "nova/os-keypair-get.json")));
        stub.stub(get(urlPathEqualTo("/v2.1/os-keypairs/gone")).willReturn(stub.json(404,
                "nova/error-item-not-found.json")));

        assertThat(stub.cloud.keyPairs().listKeyPairs(stub.userSession())).singleElement()
                .satisfies(keyPair -> {
                    assertThat(keyPair.name()).isEqualTo("laptop");
                    assertThat(keyPair.userId()).isNull();
                });
        KeyPair shown = stub.cloud.keyPairs().findKeyPair(stub.userSession(), "laptop").orElseThrow();

        assertThat(shown.userId()).isEqualTo("demo-user-id");
        assertThat(shown.fingerprint()).startsWith("SHA256:");
        assertThat(stub.cloud.keyPairs().findKeyPair(stub.userSession(), "gone")).isEmpty();
        for (LoggedRequest sent : stub.requestsTo("GET", "/v2.1/os-keypairs")) {
            assertThat(sent.getUrl()).doesNotContain("user_id");
            assertThat(sent.getHeader("OpenStack-API-Version")).isEqualTo("compute " + Microversion.PINNED);
            assertThat(sent.getHeader("X-Auth-Token")).isEqualTo(StubCloud.USER_TOKEN);
        }
    }

    @Test
    void a_generated_key_pair_comes_with_its_private_key() {
        stub.stub(post(urlPathEqualTo("/v2.1/os-keypairs")).willReturn(stub.json(201, "nova/os-keypairs-post.json")));

        NewKeyPair created = stub.cloud.keyPairs().createKeyPair(stub.userSession(), "generated");

        assertThat(created.privateKey()).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        assertThat(created.keyPair().name()).isEqualTo("generated");
        stub.wiremock.verify(WireMock.postRequestedFor(urlPathEqualTo("/v2.1/os-keypairs"))
                .withRequestBody(equalToJson("{\"keypair\":{\"name\":\"generated\",\"type\":\"ssh\"}}")));
    }

    @Test
    void imports_a_public_key_and_a_taken_name_is_a_conflict() {
        String publicKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFp4aU1vmFy7l0kq7g5CPn0r1o9m0fKqB7U9t0XbI0zA me@laptop";
        stub.stub(post(urlPathEqualTo("/v2.1/os-keypairs")).willReturn(WireMock.aResponse().withStatus(409)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"conflictingRequest\": {\"code\": 409, \"message\": \"Key pair 'laptop' already "
                        + "exists.\"}}")));

        assertThatThrownBy(() -> stub.cloud.keyPairs().importKeyPair(stub.userSession(), "laptop", publicKey))
                .isInstanceOf(ConflictException.class);
        stub.wiremock.verify(WireMock.postRequestedFor(urlPathEqualTo("/v2.1/os-keypairs")).withRequestBody(
                equalToJson("{\"keypair\":{\"name\":\"laptop\",\"type\":\"ssh\",\"public_key\":\"" + publicKey
                        + "\"}}")));
    }

    @Test
    void deletes_by_name_as_one_encoded_path_segment() {
        stub.stub(delete(urlPathEqualTo("/v2.1/os-keypairs/my%20key")).willReturn(WireMock.aResponse()
                .withStatus(202)));

        stub.cloud.keyPairs().deleteKeyPair(stub.userSession(), "my key");

        stub.wiremock.verify(WireMock.deleteRequestedFor(urlPathEqualTo("/v2.1/os-keypairs/my%20key"))
                .withHeader("X-Auth-Token", equalTo(StubCloud.USER_TOKEN)));
    }
}
