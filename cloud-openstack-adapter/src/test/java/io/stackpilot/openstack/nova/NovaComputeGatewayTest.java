package io.stackpilot.openstack.nova;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.stackpilot.core.common.Page;
import io.stackpilot.core.compute.Address;
import io.stackpilot.core.compute.AddressType;
import io.stackpilot.core.compute.BootRequest;
import io.stackpilot.core.compute.ComputeLimits;
import io.stackpilot.core.compute.Flavor;
import io.stackpilot.core.compute.ResourceRef;
import io.stackpilot.core.compute.Server;
import io.stackpilot.core.compute.ServerId;
import io.stackpilot.core.compute.ServerQuery;
import io.stackpilot.core.compute.ServerStatus;
import io.stackpilot.core.compute.ServerUsage;
import io.stackpilot.core.error.InvalidRequestException;
import io.stackpilot.core.error.NotFoundException;
import io.stackpilot.core.error.UpstreamFailureException;
import io.stackpilot.core.identity.Session;
import io.stackpilot.openstack.StubCloud;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NovaComputeGatewayTest {
    private static final String SERVER_ID = "0ff19dfc-339a-4326-9a56-6ef3c4ad5e23";
    private final StubCloud stub = new StubCloud();

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void lists_flavors_with_the_users_token_and_the_pinned_microversion() {
        stub.stub(get(urlPathEqualTo("/v2.1/flavors/detail")).willReturn(stub.json(200, "nova/flavors-detail.json")));

        List<Flavor> flavors = stub.compute().listFlavors(stub.userSession());

        assertThat(flavors).extracting(Flavor::name).containsExactly("m1.tiny", "m1.small", "m1.medium", "m1.large");
        assertThat(flavors.getFirst()).isEqualTo(new Flavor("1", "m1.tiny", 1, 512, 1, 0, true, stub.location()));
        LoggedRequest request = stub.only("GET", "/v2.1/flavors/detail");
        assertThat(request.getHeader("X-Auth-Token")).isEqualTo(StubCloud.USER_TOKEN);
        assertThat(request.getHeader("OpenStack-API-Version")).isEqualTo("compute 2.46");
        assertThat(request.getHeader("X-OpenStack-Nova-API-Version")).isEqualTo("2.46");
    }

    @Test
    void finds_one_flavor_by_id_with_one_get_and_an_unknown_or_odd_id_is_empty() {
        stub.stub(get(urlPathEqualTo("/v2.1/flavors/1")).willReturn(stub.json(200, "nova/flavor-get.json")));
        stub.stub(get(urlPathEqualTo("/v2.1/flavors/nope")).willReturn(stub.json(404,
                "nova/error-item-not-found.json")));

        assertThat(stub.compute().findFlavor(stub.userSession(), "1"))
                .contains(new Flavor("1", "m1.tiny", 1, 512, 1, 0, true, stub.location()));
        assertThat(stub.compute().findFlavor(stub.userSession(), "nope")).isEmpty();
        assertThat(stub.compute().findFlavor(stub.userSession(), "..")).isEmpty();
        LoggedRequest request = stub.only("GET", "/v2.1/flavors/1");
        assertThat(request.getHeader("X-Auth-Token")).isEqualTo(StubCloud.USER_TOKEN);
        assertThat(request.getHeader("OpenStack-API-Version")).isEqualTo("compute 2.46");
        assertThat(stub.requestsTo("GET", "/v2.1/flavors/detail")).isEmpty();
    }

    @Test
    void maps_servers_with_ipv4_and_ipv6_addresses_flavor_image_and_preemptible_metadata() {
        stub.stub(get(urlPathEqualTo("/v2.1/servers/" + SERVER_ID)).willReturn(stub.json(200, "nova/server-get.json")));

        Server server = stub.compute().findServer(stub.userSession(), new ServerId(SERVER_ID)).orElseThrow();

        assertThat(server.name()).isEqualTo("osa-fixture-1");
        assertThat(server.status()).isEqualTo(ServerStatus.ACTIVE);
        assertThat(server.addresses()).containsExactly(
                new Address("private", "10.0.0.143", 4, AddressType.FIXED, "fa:16:3e:b1:d7:af"),
                new Address("private", "fd00:10::2e6", 6, AddressType.FIXED, "fa:16:3e:b1:d7:af"));
        assertThat(server.flavor()).isEqualTo(new ResourceRef("1", null));
        assertThat(server.image()).isEqualTo(new ResourceRef("520efe7c-2c81-4460-ba82-a9a8f5d5d74a", null));
        assertThat(server.projectId()).isEqualTo("4661643948c848969bbdb5760dd254ac");
        assertThat(server.createdAt()).isEqualTo(Instant.parse("2026-11-22T06:39:06Z"));
        assertThat(server.preemptible()).isTrue();
        assertThat(server.location()).isEqualTo(stub.location());
    }

    @Test
    void tolerates_boot_from_volume_unknown_status_floating_addresses_and_unknown_fields() {
        String body = """
                {"server": {"id": "s1", "name": "odd", "status": "SOMETHING_NEW", "tenant_id": "p1", "image": "",
                 "flavor": {"id": "42", "links": []}, "created": "2026-11-22T06:39:06Z", "new_field": {"x": 1},
                 "addresses": {"public": [{"version": 4, "addr": "203.0.113.9", "OS-EXT-IPS:type": "floating"}]}}}
                """;
        stub.stub(get(urlPathEqualTo("/v2.1/servers/s1")).willReturn(aResponse().withStatus(200).withBody(body)));

        Server server = stub.compute().findServer(stub.userSession(), new ServerId("s1")).orElseThrow();

        assertThat(server.image()).isNull();
        assertThat(server.status()).isEqualTo(ServerStatus.UNKNOWN);
        assertThat(server.preemptible()).isFalse();
        assertThat(server.addresses()).containsExactly(new Address("public", "203.0.113.9", 4, AddressType.FLOATING,
                null));
    }

    @Test
    void an_unknown_server_is_empty_and_its_delete_is_not_found_with_the_request_id() {
        stub.stub(get(urlPathEqualTo("/v2.1/servers/nope")).willReturn(stub.json(404, "nova/error-item-not-found.json")));
        stub.stub(delete(urlPathEqualTo("/v2.1/servers/nope")).willReturn(stub.json(404,
                "nova/error-item-not-found.json")));

        assertThat(stub.compute().findServer(stub.userSession(), new ServerId("nope"))).isEmpty();
        assertThatThrownBy(() -> stub.compute().delete(stub.userSession(), new ServerId("nope")))
                .isInstanceOfSatisfying(NotFoundException.class, notFound -> {
                    assertThat(notFound.kind()).isEqualTo("server");
                    assertThat(notFound.id()).isEqualTo("nope");
                    assertThat(notFound.upstreamRequestId()).contains("req-nova-error-item-not-found.json");
                });
    }

    @Test
    void with_a_limit_hands_back_one_page_and_the_marker_of_the_next() {
        stub.stub(get(urlPathEqualTo("/v2.1/servers/detail")).willReturn(stub.json(200,
                "nova/servers-detail-limit-1.json")));

        Page<Server> page = stub.compute().listServers(stub.userSession(),
                new ServerQuery(ServerStatus.ACTIVE, "^osa-", 1, "m0", false, null));

        assertThat(page.items()).hasSize(1);
        assertThat(page.nextMarker()).isEqualTo("569872fc-f211-47c5-826e-562279b9b6a4");
        LoggedRequest request = stub.only("GET", "/v2.1/servers/detail");
        assertThat(request.getUrl()).isEqualTo("/v2.1/servers/detail?status=ACTIVE&name=%5Eosa-&limit=1&marker=m0");
    }

    @Test
    void without_a_limit_follows_servers_links_to_the_end() {
        stub.stub(get(urlPathEqualTo("/v2.1/servers/detail")).withQueryParam("marker", equalTo(
                "569872fc-f211-47c5-826e-562279b9b6a4")).willReturn(stub.json(200, "nova/servers-detail-after-marker.json")));
        stub.stub(get(urlPathEqualTo("/v2.1/servers/detail")).atPriority(10).willReturn(stub.json(200,
                "nova/servers-detail-limit-1.json")));

        Page<Server> page = stub.compute().listServers(stub.userSession(), ServerQuery.all());

        assertThat(page.nextMarker()).isNull();
        assertThat(page.items()).extracting(Server::name).containsExactly("osa-fixture-2", "osa-fixture-1");
        assertThat(stub.requestsTo("GET", "/v2.1/servers/detail")).extracting(LoggedRequest::getUrl).containsExactly(
                "/v2.1/servers/detail", "/v2.1/servers/detail?marker=569872fc-f211-47c5-826e-562279b9b6a4");
    }

    @Test
    void a_server_listed_on_two_pages_while_it_leaves_build_is_returned_once() {
        stub.stub(get(urlPathEqualTo("/v2.1/servers/detail")).withQueryParam("marker", equalTo(
                "569872fc-f211-47c5-826e-562279b9b6a4")).willReturn(stub.json(200, "nova/servers-detail.json")));
        stub.stub(get(urlPathEqualTo("/v2.1/servers/detail")).atPriority(10).willReturn(stub.json(200,
                "nova/servers-detail-limit-1.json")));

        Page<Server> page = stub.compute().listServers(stub.userSession(), ServerQuery.all());

        assertThat(page.items()).extracting(Server::name).containsExactly("osa-fixture-2", "osa-fixture-1");
    }

    @Test
    void an_admin_query_asks_for_all_tenants_narrowed_to_one_project() {
        stub.stub(get(urlPathEqualTo("/v2.1/servers/detail")).willReturn(stub.json(200, "nova/servers-detail.json")));

        stub.compute().listServers(stub.userSession(), new ServerQuery(null, null, null, null, true, "p1"));

        assertThat(stub.only("GET", "/v2.1/servers/detail").getUrl())
                .isEqualTo("/v2.1/servers/detail?all_tenants=1&project_id=p1");
    }

    @Test
    void boots_with_the_exact_body_and_reads_the_new_server_back() throws Exception {
        stub.stub(post(urlPathEqualTo("/v2.1/servers")).willReturn(stub.json(202, "nova/servers-post.json")));
        stub.stub(get(urlPathEqualTo("/v2.1/servers/" + SERVER_ID)).willReturn(stub.json(200, "nova/server-get.json")));
        BootRequest request = new BootRequest("osa-fixture-1", "1", "img", List.of("net-a", "net-b"), true, "key",
                "#!/bin/sh\necho hi\n", Map.of("purpose", "test"));

        Server server = stub.compute().boot(stub.userSession(), request);

        assertThat(server.id().value()).isEqualTo(SERVER_ID);
        LoggedRequest post = stub.only("POST", "/v2.1/servers");
        assertThat(post.getHeader("X-Auth-Token")).isEqualTo(StubCloud.USER_TOKEN);
        // A preemptible server is tagged at boot, which Nova accepts from 2.52 (the POST's answer is only the id).
        assertThat(post.getHeader("OpenStack-API-Version")).isEqualTo("compute 2.52");
        JsonNode sent = new ObjectMapper().readTree(post.getBodyAsString());
        assertThat(sent).isEqualTo(new ObjectMapper().readTree("""
                {"server": {"name": "osa-fixture-1", "flavorRef": "1", "imageRef": "img",
                 "networks": [{"uuid": "net-a"}, {"uuid": "net-b"}], "key_name": "key",
                 "user_data": "IyEvYmluL3NoCmVjaG8gaGkK",
                 "metadata": {"purpose": "test", "stackpilot:preemptible": "true"},
                 "tags": ["stackpilot-preemptible"]}}
                """));
        assertThat(stub.only("GET", "/v2.1/servers/" + SERVER_ID).getHeader("OpenStack-API-Version"))
                .isEqualTo("compute 2.46");
    }

    @Test
    void an_unknown_flavor_image_or_network_on_boot_names_the_field() {
        BootRequest request = new BootRequest("osa-x", "99", "img", List.of("net"), false, null, null, null);
        for (String[] fault : new String[][] {{"nova/error-bad-flavor.json", "flavor_id"},
                {"nova/error-bad-image.json", "image_id"}, {"nova/error-bad-network.json", "network_ids"}}) {
            stub.stub(post(urlPathEqualTo("/v2.1/servers")).willReturn(stub.json(400, fault[0])));

            assertThatThrownBy(() -> stub.compute().boot(stub.userSession(), request))
                    .isInstanceOfSatisfying(InvalidRequestException.class, invalid ->
                            assertThat(invalid.problems().getFirst().field()).isEqualTo(fault[1]));
        }
    }

    @Test
    void reads_absolute_limits() {
        stub.stub(get(urlPathEqualTo("/v2.1/limits")).willReturn(stub.json(200, "nova/limits.json")));

        ComputeLimits limits = stub.compute().limits(stub.userSession());

        assertThat(limits).isEqualTo(new ComputeLimits(10, 2, 20, 2, 51200, 1024));
    }

    @Test
    void reads_usage_of_all_tenants_following_its_paging() {
        stub.stub(get(urlPathEqualTo("/v2.1/os-simple-tenant-usage")).withQueryParam("marker", equalTo(SERVER_ID))
                .willReturn(aResponse().withStatus(200).withBody("{\"tenant_usages\": []}")));
        stub.stub(get(urlPathEqualTo("/v2.1/os-simple-tenant-usage")).atPriority(10).willReturn(stub.json(200,
                "nova/simple-tenant-usage-limit-1.json")));

        List<ServerUsage> usage = stub.compute().usage(stub.userSession(), Instant.parse("2026-11-22T00:00:00Z"),
                Instant.parse("2026-11-23T00:00:00Z"));

        assertThat(usage).containsExactly(new ServerUsage(SERVER_ID, "osa-fixture-1",
                "4661643948c848969bbdb5760dd254ac", Instant.parse("2026-11-22T06:39:09Z"), null, ServerStatus.ACTIVE));
        assertThat(stub.requestsTo("GET", "/v2.1/os-simple-tenant-usage")).extracting(LoggedRequest::getUrl)
                .containsExactly("/v2.1/os-simple-tenant-usage?detailed=1&start=2026-11-22T00%3A00%3A00.000000"
                                + "&end=2026-11-23T00%3A00%3A00.000000",
                        "/v2.1/os-simple-tenant-usage?detailed=1&start=2026-11-22T00%3A00%3A00.000000"
                                + "&end=2026-11-23T00%3A00%3A00.000000&marker=" + SERVER_ID);
    }

    @Test
    void checks_the_microversion_once_and_refuses_a_nova_that_is_too_old() {
        stub.stub(get(urlPathEqualTo("/v2.1/limits")).willReturn(stub.json(200, "nova/limits.json")));
        Session session = stub.userSession();
        stub.compute().limits(session);
        stub.compute().limits(session);
        assertThat(stub.requestsTo("GET", "/v2.1/")).extracting(LoggedRequest::getUrl)
                .containsExactly("/v2.1/", "/v2.1/limits", "/v2.1/limits");

        try (StubCloud old = new StubCloud()) {
            old.stub(get(urlPathEqualTo("/v2.1/")).willReturn(aResponse().withStatus(200).withBody(
                    "{\"version\": {\"id\": \"v2.1\", \"version\": \"2.38\", \"min_version\": \"2.1\"}}")));
            assertThatThrownBy(() -> old.compute().limits(old.userSession()))
                    .isInstanceOf(UpstreamFailureException.class)
                    .hasMessage("Nova supports microversions 2.1 to 2.38, but Stackpilot needs 2.46");
        }
    }
}
