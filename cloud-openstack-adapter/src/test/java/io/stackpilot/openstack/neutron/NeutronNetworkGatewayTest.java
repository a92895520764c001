package io.stackpilot.openstack.neutron;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.stackpilot.core.error.ForbiddenException;
import io.stackpilot.core.network.Network;
import io.stackpilot.core.network.Subnet;
import io.stackpilot.openstack.StubCloud;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NeutronNetworkGatewayTest {
    private final StubCloud stub = new StubCloud();

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void joins_networks_and_subnets_from_two_paged_lists() {
        stub.stub(get(urlPathEqualTo("/v2.0/networks")).withQueryParam("marker", equalTo(
                "0f7d042b-98a3-4415-9fb4-275b7a010c87")).willReturn(stub.json(200, "neutron/networks.json")));
        stub.stub(get(urlPathEqualTo("/v2.0/networks")).atPriority(10).willReturn(stub.json(200,
                "neutron/networks-limit-1.json")));
        stub.stub(get(urlPathEqualTo("/v2.0/subnets")).willReturn(stub.json(200, "neutron/subnets.json")));

        List<Network> networks = stub.cloud.networks().listNetworks(stub.userSession());

        Network priv = networks.stream().filter(network -> network.name().equals("private")).findFirst().orElseThrow();
        assertThat(priv.subnets()).extracting(Subnet::cidr).containsExactlyInAnyOrder("10.0.0.0/24", "fd00:10::/64");
        assertThat(priv.shared()).isFalse();
        Network pub = networks.stream().filter(network -> network.name().equals("public")).findFirst().orElseThrow();
        assertThat(pub.external()).isTrue();
        assertThat(pub.shared()).isTrue();
        assertThat(pub.subnets()).containsExactly(new Subnet(pub.subnets().getFirst().id(), "203.0.113.0/24", 4));
        assertThat(stub.requestsTo("GET", "/v2.0/")).extracting(LoggedRequest::getUrl).containsExactly(
                "/v2.0/networks", "/v2.0/networks?limit=1&marker=0f7d042b-98a3-4415-9fb4-275b7a010c87",
                "/v2.0/subnets");
    }

    @Test
    void maps_a_neutron_error_body() {
        stub.stub(get(urlPathEqualTo("/v2.0/networks")).willReturn(stub.json(403, "neutron/error-not-found.json")));

        assertThatThrownBy(() -> stub.cloud.networks().listNetworks(stub.userSession()))
                .isInstanceOf(ForbiddenException.class)
                .hasMessage("Network xx could not be found.");
    }
}
