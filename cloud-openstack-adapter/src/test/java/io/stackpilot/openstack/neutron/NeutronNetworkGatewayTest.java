package io.stackpilot.openstack.neutron;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.stackpilot.core.error.ForbiddenException;
import io.stackpilot.core.identity.Session;
import io.stackpilot.core.network.Network;
import io.stackpilot.core.network.NetworkQuota;
import io.stackpilot.core.network.Subnet;
import io.stackpilot.openstack.StubCloud;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
        assertThat(stub.requestsTo("GET", "/v2.0/")).extracting(LoggedRequest::getUrl).containsExactlyInAnyOrder(
                "/v2.0/networks", "/v2.0/networks?limit=1&marker=0f7d042b-98a3-4415-9fb4-275b7a010c87",
                "/v2.0/subnets");
    }

    @Test
    void reads_the_projects_floating_ip_and_security_group_quota_from_the_quota_details() {
        Session demo = stub.userSession();
        String path = "/v2.0/quotas/" + demo.project().id() + "/details.json";
        stub.stub(get(urlPathEqualTo(path)).willReturn(stub.json(200, "neutron/quota-details.json")));

        NetworkQuota quota = stub.cloud.networks().quota(demo);

        assertThat(quota).isEqualTo(new NetworkQuota(50, 1, 10, 2));
        assertThat(stub.requestsTo("GET", "/v2.0/quotas")).singleElement().satisfies(request -> {
            assertThat(request.getUrl()).isEqualTo(path);
            assertThat(request.getHeader("X-Auth-Token")).isEqualTo(StubCloud.USER_TOKEN);
        });
    }

    @Test
    void asks_for_networks_and_subnets_at_the_same_time() {
        BothArrived bothArrived = new BothArrived();
        try (StubCloud concurrent = new StubCloud(bothArrived)) {
            // Each list is answered only once both requests are in: asked one after the other, the first one would
            // wait in vain (and the call fail with the stub's short read timeout).
            concurrent.stub(get(urlPathEqualTo("/v2.0/networks")).willReturn(concurrent.json(200,
                    "neutron/networks.json").withTransformers(BothArrived.NAME)));
            concurrent.stub(get(urlPathEqualTo("/v2.0/subnets")).willReturn(concurrent.json(200,
                    "neutron/subnets.json").withTransformers(BothArrived.NAME)));

            List<Network> networks = concurrent.cloud.networks().listNetworks(concurrent.userSession());

            assertThat(networks).extracting(Network::name).contains("private", "public");
            assertThat(networks).allSatisfy(network -> assertThat(network.subnets()).isNotEmpty());
        }
    }

    /**
     * Holds each answer until both lists have been asked for (a retried request of the same list does not count);
     * answers 500 if the other one never comes.
     */
    private static final class BothArrived implements ResponseDefinitionTransformerV2 {
        static final String NAME = "both-arrived";
        private final CountDownLatch networks = new CountDownLatch(1);
        private final CountDownLatch subnets = new CountDownLatch(1);

        @Override
        public ResponseDefinition transform(ServeEvent serveEvent) {
            (serveEvent.getRequest().getUrl().startsWith("/v2.0/subnets") ? subnets : networks).countDown();
            try {
                if (networks.await(5, TimeUnit.SECONDS) && subnets.await(5, TimeUnit.SECONDS)) {
                    return serveEvent.getResponseDefinition();
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            return ResponseDefinitionBuilder.responseDefinition().withStatus(500).build();
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public String getName() {
            return NAME;
        }
    }

    @Test
    void maps_a_neutron_error_body() {
        stub.stub(get(urlPathEqualTo("/v2.0/networks")).willReturn(stub.json(403, "neutron/error-not-found.json")));

        assertThatThrownBy(() -> stub.cloud.networks().listNetworks(stub.userSession()))
                .isInstanceOf(ForbiddenException.class)
                .hasMessage("Network xx could not be found.");
    }
}
