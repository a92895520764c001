package io.stackpilot.openstack.nova;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stackpilot.core.common.Page;
import io.stackpilot.core.compute.Address;
import io.stackpilot.core.compute.BootRequest;
import io.stackpilot.core.compute.ComputeLimits;
import io.stackpilot.core.compute.Flavor;
import io.stackpilot.core.compute.Server;
import io.stackpilot.core.compute.ServerId;
import io.stackpilot.core.compute.ServerQuery;
import io.stackpilot.core.compute.ServerStatus;
import io.stackpilot.core.compute.ServerUsage;
import io.stackpilot.core.error.InvalidRequestException;
import io.stackpilot.core.error.NotFoundException;
import io.stackpilot.core.identity.Session;
import io.stackpilot.core.image.Image;
import io.stackpilot.core.network.Network;
import io.stackpilot.openstack.Lab;
import io.stackpilot.openstack.OpenStackCloud;
import io.stackpilot.openstack.UpstreamObserver;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class NovaComputeGatewayLabIT {
    private static OpenStackCloud cloud;
    private static Session demo;
    private static String imageId;
    private static String privateNetworkId;
    private static final List<ServerId> created = new ArrayList<>();

    @BeforeAll
    static void connect() {
        cloud = Lab.connect("lab-admin", UpstreamObserver.NONE);
        demo = Lab.login(cloud, "demo", "demo", "demo");
        imageId = cloud.images().listImages(demo).stream().filter(image -> image.name().equals("cirros-0.6-lab"))
                .map(Image::id).findFirst().orElseThrow();
        privateNetworkId = cloud.networks().listNetworks(demo).stream().filter(net -> net.name().equals("private"))
                .map(Network::id).findFirst().orElseThrow();
    }

    @AfterAll
    static void cleanUp() {
        for (ServerId id : created) {
            try {
                cloud.compute().delete(demo, id);
            } catch (NotFoundException alreadyGone) {
                // deleted by the test itself
            }
        }
        cloud.close();
    }

    private static Server boot(Session session, String network, boolean preemptible) {
        Server server = cloud.compute().boot(session, new BootRequest(Lab.name("it"), "1", imageId,
                List.of(network), preemptible, null, "#cloud-config\n", Map.of("purpose", "lab-it")));
        created.add(server.id());
        return server;
    }

    @Test
    void lists_the_lab_flavors() {
        assertThat(cloud.compute().listFlavors(demo)).extracting(Flavor::name)
                .contains("m1.tiny", "m1.small", "m1.medium", "m1.large");
    }

    @Test
    void boots_to_active_with_ipv4_and_ipv6_addresses_then_deletes_until_not_found() {
        Server booted = boot(demo, privateNetworkId, true);
        assertThat(booted.status()).isIn(ServerStatus.BUILD, ServerStatus.ACTIVE);
        assertThat(booted.projectId()).isEqualTo(demo.project().id());

        Server active = Lab.awaitStatus(cloud, demo, booted.id(), ServerStatus.ACTIVE);

        assertThat(active.status()).isEqualTo(ServerStatus.ACTIVE);
        assertThat(active.addresses()).extracting(Address::version).contains(4, 6);
        assertThat(active.addresses()).allSatisfy(address -> {
            assertThat(address.network()).isEqualTo("private");
            assertThat(address.mac()).isNotBlank();
        });
        assertThat(active.flavor().id()).isEqualTo("1");
        assertThat(active.image().id()).isEqualTo(imageId);
        assertThat(active.preemptible()).isTrue();
        assertThat(active.metadata()).containsEntry("purpose", "lab-it");

        cloud.compute().delete(demo, active.id());
        assertThat(Lab.awaitGone(cloud, demo, active.id())).isTrue();
        assertThatThrownBy(() -> cloud.compute().delete(demo, active.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void pages_with_limit_one_across_more_than_one_server() {
        Server first = boot(demo, privateNetworkId, false);
        Server second = boot(demo, privateNetworkId, false);
        // While a server is still a build request Nova may list it on two pages; page over settled servers.
        Lab.awaitStatus(cloud, demo, first.id(), ServerStatus.ACTIVE);
        Lab.awaitStatus(cloud, demo, second.id(), ServerStatus.ACTIVE);
        ServerQuery onePerPage = new ServerQuery(null, "^osa-it-", 1, null, false, null);

        List<ServerId> seen = new ArrayList<>();
        Page<Server> page = cloud.compute().listServers(demo, onePerPage);
        int pages = 1;
        seen.addAll(page.items().stream().map(Server::id).toList());
        while (page.nextMarker() != null) {
            assertThat(page.items()).hasSize(1);
            page = cloud.compute().listServers(demo, new ServerQuery(null, "^osa-it-", 1, page.nextMarker(), false,
                    null));
            seen.addAll(page.items().stream().map(Server::id).toList());
            pages++;
        }

        assertThat(pages).isGreaterThan(2);
        assertThat(seen).contains(first.id(), second.id()).doesNotHaveDuplicates();
        assertThat(cloud.compute().listServers(demo, new ServerQuery(null, "^osa-it-", null, null, false, null))
                .items()).extracting(Server::id).contains(first.id(), second.id());
    }

    @Test
    void demo_cannot_see_the_server_of_alt_demo() {
        Session altDemo = Lab.login(cloud, "alt-demo", "demo", "alt-demo");
        String altNetwork = cloud.networks().listNetworks(altDemo).stream()
                .filter(net -> net.name().equals("alt-private")).map(Network::id).findFirst().orElseThrow();
        Server altServer = cloud.compute().boot(altDemo, new BootRequest(Lab.name("alt"), "1", imageId,
                List.of(altNetwork), false, null, null, null));
        try {
            assertThat(cloud.compute().findServer(altDemo, altServer.id())).isPresent();
            assertThat(cloud.compute().findServer(demo, altServer.id())).isEmpty();
            assertThat(cloud.compute().listServers(demo, ServerQuery.all()).items()).extracting(Server::id)
                    .doesNotContain(altServer.id());
            assertThatThrownBy(() -> cloud.compute().delete(demo, altServer.id()))
                    .isInstanceOf(NotFoundException.class);
        } finally {
            cloud.compute().delete(altDemo, altServer.id());
        }
    }

    @Test
    void an_unknown_server_is_not_found() {
        ServerId unknown = new ServerId("00000000-0000-0000-0000-000000000000");

        assertThat(cloud.compute().findServer(demo, unknown)).isEmpty();
        assertThatThrownBy(() -> cloud.compute().delete(demo, unknown))
                .isInstanceOfSatisfying(NotFoundException.class, notFound ->
                        assertThat(notFound.upstreamRequestId()).hasValueSatisfying(id ->
                                assertThat(id).startsWith("req-")));
    }

    @Test
    void an_unknown_flavor_on_boot_names_the_flavor_field() {
        assertThatThrownBy(() -> cloud.compute().boot(demo, new BootRequest(Lab.name("bad"), "999", imageId,
                List.of(privateNetworkId), false, null, null, null)))
                .isInstanceOfSatisfying(InvalidRequestException.class, invalid ->
                        assertThat(invalid.problems().getFirst().field()).isEqualTo("flavor_id"));
    }

    @Test
    void reads_the_projects_limits() {
        ComputeLimits limits = cloud.compute().limits(demo);

        assertThat(limits.maxInstances()).isPositive();
        assertThat(limits.usedInstances()).isNotNegative();
    }

    @Test
    void reads_usage_of_all_projects_as_admin() {
        Server server = boot(demo, privateNetworkId, false);
        Lab.awaitStatus(cloud, demo, server.id(), ServerStatus.ACTIVE);
        Session admin = cloud.serviceSession();

        Instant start = Instant.now().minus(Duration.ofHours(1));
        List<ServerUsage> usage = List.of();
        // Nova's usage report sees a server a moment after it turns ACTIVE; ask again until it does.
        for (int attempt = 0; attempt < 30 && usage.stream().noneMatch(entry -> entry.serverId()
                .equals(server.id().value())); attempt++) {
            sleep(500);
            usage = cloud.compute().usage(admin, start, Instant.now().plus(Duration.ofMinutes(1)));
        }

        assertThat(usage).as("usage %s", usage).filteredOn(entry -> entry.serverId().equals(server.id().value()))
                .singleElement()
                .satisfies(entry -> {
                    assertThat(entry.projectId()).isEqualTo(demo.project().id());
                    assertThat(entry.state()).isEqualTo(ServerStatus.ACTIVE);
                });
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void lists_every_projects_servers_for_an_admin_narrowed_to_one_project() {
        Server server = boot(demo, privateNetworkId, false);
        Session admin = cloud.serviceSession();

        List<Server> servers = cloud.compute().listServers(admin, new ServerQuery(null, null, null, null, true,
                demo.project().id())).items();

        assertThat(servers).extracting(Server::id).contains(server.id());
        assertThat(servers).allSatisfy(each -> assertThat(each.projectId()).isEqualTo(demo.project().id()));
    }
}
