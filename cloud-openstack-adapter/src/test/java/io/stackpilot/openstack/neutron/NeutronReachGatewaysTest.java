package io.stackpilot.openstack.neutron;

import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.stackpilot.core.error.ConflictException;
import io.stackpilot.core.error.NotFoundException;
import io.stackpilot.core.error.QuotaExceededException;
import io.stackpilot.core.network.FloatingIp;
import io.stackpilot.core.network.SecurityGroup;
import io.stackpilot.core.network.SecurityGroupRule;
import io.stackpilot.core.network.SecurityGroupRuleSpec;
import io.stackpilot.core.network.ServerPort;
import io.stackpilot.openstack.StubCloud;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NeutronReachGatewaysTest {
    private static final String FIP = "2f245a7b-796b-4f26-9cf9-9e82d248fda7";
    private static final String GROUP = "85cc3048-abc3-43cc-89b3-377341426ac5";
    private final StubCloud stub = new StubCloud();

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void lists_the_sessions_projects_floating_ips_with_the_server_of_an_associated_one() {
        stub.stub(get(urlPathEqualTo("/v2.0/floatingips")).willReturn(stub.json(200, "neutron/floatingips.json")));

        List<FloatingIp> ips = stub.cloud.floatingIps().listFloatingIps(stub.userSession());

        assertThat(ips).extracting(FloatingIp::ip).containsExactly("203.0.113.41", "203.0.113.52");
        FloatingIp associated = ips.getFirst();
        assertThat(associated.serverId()).isEqualTo("8c6a7dd7-32a4-4c5e-8bd1-d4e4c35cc84b");
        assertThat(associated.fixedIp()).isEqualTo("10.0.0.3");
        assertThat(associated.projectId()).isEqualTo("4969c491a3c74ee4af974e6d800c62de");
        assertThat(ips.get(1).associated()).isFalse();
        assertThat(ips.get(1).serverId()).isNull();
        LoggedRequest sent = stub.requestsTo("GET", "/v2.0/floatingips").getFirst();
        assertThat(sent.getUrl()).isEqualTo("/v2.0/floatingips?project_id=demo-project-id");
        assertThat(sent.getHeader("X-Auth-Token")).isEqualTo(StubCloud.USER_TOKEN);
    }

    @Test
    void allocates_associates_disassociates_and_releases_with_the_bodies_neutron_expects() {
        stub.stub(post(urlPathEqualTo("/v2.0/floatingips")).willReturn(stub.json(201, "neutron/floatingip-post.json")));
        stub.stub(put(urlPathEqualTo("/v2.0/floatingips/" + FIP)).willReturn(stub.json(200,
                "neutron/floatingip-put.json")));
        stub.stub(delete(urlPathEqualTo("/v2.0/floatingips/" + FIP)).willReturn(WireMock.aResponse().withStatus(204)));
        var gateway = stub.cloud.floatingIps();

        FloatingIp allocated = gateway.allocate(stub.userSession(), "376da547-b977-4cfe-9cba-275c80debf57");
        FloatingIp associated = gateway.associate(stub.userSession(), FIP, "ce705c24-c1ef-408a-bda3-7bbd946164ab",
                "10.0.0.3");
        gateway.disassociate(stub.userSession(), FIP);
        gateway.release(stub.userSession(), FIP);

        assertThat(allocated.ip()).isEqualTo("203.0.113.52");
        assertThat(associated.portId()).isEqualTo("ce705c24-c1ef-408a-bda3-7bbd946164ab");
        stub.wiremock.verify(WireMock.postRequestedFor(urlPathEqualTo("/v2.0/floatingips")).withRequestBody(
                equalToJson("{\"floatingip\":{\"floating_network_id\":\"376da547-b977-4cfe-9cba-275c80debf57\"}}")));
        stub.wiremock.verify(WireMock.putRequestedFor(urlPathEqualTo("/v2.0/floatingips/" + FIP)).withRequestBody(
                equalToJson("{\"floatingip\":{\"port_id\":\"ce705c24-c1ef-408a-bda3-7bbd946164ab\","
                        + "\"fixed_ip_address\":\"10.0.0.3\"}}")));
        stub.wiremock.verify(WireMock.putRequestedFor(urlPathEqualTo("/v2.0/floatingips/" + FIP)).withRequestBody(
                equalToJson("{\"floatingip\":{\"port_id\":null}}")));
        stub.wiremock.verify(WireMock.deleteRequestedFor(urlPathEqualTo("/v2.0/floatingips/" + FIP))
                .withHeader("X-Auth-Token", equalTo(StubCloud.USER_TOKEN)));
    }

    @Test
    void an_allocation_with_a_description_sends_it_in_the_same_call_and_reads_it_back() {
        stub.stub(post(urlPathEqualTo("/v2.0/floatingips")).willReturn(stub.json(201, "neutron/floatingip-post.json")));

        FloatingIp plain = stub.cloud.floatingIps().allocate(stub.userSession(), "376da547-b977-4cfe-9cba-275c80debf57",
                "stackpilot: floating ip of server 8c6a7dd7-32a4-4c5e-8bd1-d4e4c35cc84b");

        stub.wiremock.verify(WireMock.postRequestedFor(urlPathEqualTo("/v2.0/floatingips")).withRequestBody(
                equalToJson("{\"floatingip\":{\"floating_network_id\":\"376da547-b977-4cfe-9cba-275c80debf57\","
                        + "\"description\":\"stackpilot: floating ip of server 8c6a7dd7-32a4-4c5e-8bd1-d4e4c35cc84b\"}}")));
        // The fixture's empty description is no description.
        assertThat(plain.description()).isNull();
    }

    @Test
    void an_exhausted_floating_ip_quota_is_a_quota_error_and_a_missing_address_is_not_found() {
        stub.stub(post(urlPathEqualTo("/v2.0/floatingips")).willReturn(WireMock.aResponse().withStatus(409)
                .withHeader("Content-Type", "application/json").withBody("{\"NeutronError\": {\"type\": "
                        + "\"OverQuota\", \"message\": \"Quota exceeded for resources: ['floatingip'].\", "
                        + "\"detail\": \"\"}}")));
        stub.stub(get(urlPathEqualTo("/v2.0/floatingips/" + FIP)).willReturn(stub.json(404,
                "neutron/error-not-found.json")));

        assertThatThrownBy(() -> stub.cloud.floatingIps().allocate(stub.userSession(), "net"))
                .isInstanceOf(QuotaExceededException.class);
        assertThat(stub.cloud.floatingIps().findFloatingIp(stub.userSession(), FIP)).isEmpty();
        assertThat(stub.cloud.floatingIps().findFloatingIp(stub.userSession(), "..")).isEmpty();
    }

    @Test
    void a_servers_ports_come_from_one_filtered_list() {
        String server = "8c6a7dd7-32a4-4c5e-8bd1-d4e4c35cc84b";
        stub.stub(get(urlPathEqualTo("/v2.0/ports")).willReturn(stub.json(200, "neutron/ports-device.json")));

        List<ServerPort> ports = stub.cloud.floatingIps().serverPorts(stub.userSession(), server);

        assertThat(ports).singleElement().satisfies(port -> {
            assertThat(port.ipv4()).isEqualTo("10.0.0.3");
            assertThat(port.projectId()).isEqualTo("4969c491a3c74ee4af974e6d800c62de");
        });
        assertThat(stub.requestsTo("GET", "/v2.0/ports").getFirst().getUrl())
                .isEqualTo("/v2.0/ports?device_id=" + server);
    }

    @Test
    void lists_security_groups_with_their_rules() {
        stub.stub(get(urlPathEqualTo("/v2.0/security-groups")).willReturn(stub.json(200,
                "neutron/security-groups.json")));

        List<SecurityGroup> groups = stub.cloud.securityGroups().listSecurityGroups(stub.userSession());

        assertThat(groups).singleElement().satisfies(group -> {
            assertThat(group.name()).isEqualTo("ssh");
            assertThat(group.rules()).extracting(SecurityGroupRule::direction).containsExactly("egress", "ingress");
            assertThat(group.rules().get(1).portRangeMin()).isEqualTo(22);
        });
        assertThat(stub.requestsTo("GET", "/v2.0/security-groups").getFirst().getUrl())
                .isEqualTo("/v2.0/security-groups?project_id=demo-project-id");
    }

    @Test
    void creates_a_group_and_a_rule_and_deletes_them_with_the_bodies_neutron_expects() {
        stub.stub(post(urlPathEqualTo("/v2.0/security-groups")).willReturn(stub.json(201,
                "neutron/security-group-get.json")));
        stub.stub(post(urlPathEqualTo("/v2.0/security-group-rules")).willReturn(stub.json(201,
                "neutron/security-group-rule-post.json")));
        stub.stub(delete(urlPathEqualTo("/v2.0/security-group-rules/c0b09f00-1d49-4b6d-a5c1-7f1f0b1e3c11"))
                .willReturn(WireMock.aResponse().withStatus(204)));
        stub.stub(delete(urlPathEqualTo("/v2.0/security-groups/" + GROUP)).willReturn(WireMock.aResponse()
                .withStatus(409).withHeader("Content-Type", "application/json").withBody("{\"NeutronError\": "
                        + "{\"type\": \"SecurityGroupInUse\", \"message\": \"Security Group " + GROUP
                        + " in use.\", \"detail\": \"\"}}")));
        var gateway = stub.cloud.securityGroups();

        SecurityGroup group = gateway.createSecurityGroup(stub.userSession(), "ssh", "SSH from anywhere");
        SecurityGroupRule rule = gateway.addRule(stub.userSession(), GROUP, SecurityGroupRuleSpec.sshFromAnywhere());
        gateway.deleteRule(stub.userSession(), rule.id());

        assertThat(group.id()).isEqualTo(GROUP);
        assertThat(rule.remoteIpPrefix()).isEqualTo("0.0.0.0/0");
        assertThatThrownBy(() -> gateway.deleteSecurityGroup(stub.userSession(), GROUP))
                .isInstanceOf(ConflictException.class);
        stub.wiremock.verify(WireMock.postRequestedFor(urlPathEqualTo("/v2.0/security-groups")).withRequestBody(
                equalToJson("{\"security_group\":{\"name\":\"ssh\",\"description\":\"SSH from anywhere\"}}")));
        stub.wiremock.verify(WireMock.postRequestedFor(urlPathEqualTo("/v2.0/security-group-rules"))
                .withRequestBody(equalToJson("{\"security_group_rule\":{\"security_group_id\":\"" + GROUP + "\","
                        + "\"direction\":\"ingress\",\"ethertype\":\"IPv4\",\"protocol\":\"tcp\","
                        + "\"port_range_min\":22,\"port_range_max\":22,\"remote_ip_prefix\":\"0.0.0.0/0\"}}")));
    }

    @Test
    void a_missing_group_is_empty_and_deleting_it_is_not_found() {
        stub.stub(get(urlPathEqualTo("/v2.0/security-groups/" + GROUP)).willReturn(stub.json(404,
                "neutron/error-not-found.json")));
        stub.stub(delete(urlPathEqualTo("/v2.0/security-groups/" + GROUP)).willReturn(stub.json(404,
                "neutron/error-not-found.json")));

        assertThat(stub.cloud.securityGroups().findSecurityGroup(stub.userSession(), GROUP)).isEmpty();
        assertThatThrownBy(() -> stub.cloud.securityGroups().deleteSecurityGroup(stub.userSession(), GROUP))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.kind()).isEqualTo("security group"));
    }
}
