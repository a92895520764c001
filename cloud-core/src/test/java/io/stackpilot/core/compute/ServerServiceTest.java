package io.stackpilot.core.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stackpilot.core.common.Page;
import io.stackpilot.core.error.FieldProblem;
import io.stackpilot.core.error.InvalidRequestException;
import io.stackpilot.core.error.NotFoundException;
import io.stackpilot.core.error.QuotaExceededException;
import io.stackpilot.core.identity.Session;
import io.stackpilot.core.image.Image;
import io.stackpilot.core.image.ImageGateway;
import io.stackpilot.core.network.Network;
import io.stackpilot.core.network.NetworkQuota;
import io.stackpilot.core.network.NetworkGateway;
import io.stackpilot.core.testing.FakeCloud;
import io.stackpilot.core.testing.MutableClock;
import io.stackpilot.core.testing.TestData;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ServerServiceTest {
    private final MutableClock clock = MutableClock.at("2026-11-22T06:00:00Z");
    private final FakeCloud cloud = FakeCloud.withLabContent(clock);
    private final ServerService servers = new ServerService(cloud, cloud, cloud);
    private final Session demo = TestData.session(TestData.demo());

    private static BootRequest boot(String name) {
        return new BootRequest(name, "1", TestData.CIRROS_IMAGE_ID, List.of(TestData.PRIVATE_NETWORK_ID), false,
                null, null, Map.of());
    }

    @Test
    void launches_a_server_in_the_callers_project() {
        Server server = servers.launch(demo, boot("srv-one"));
        assertThat(server.projectId()).isEqualTo(TestData.DEMO.id());
        assertThat(server.flavor().name()).isEqualTo("m1.tiny");
        assertThat(cloud.calls("boot")).isEqualTo(1);
    }

    @Test
    void an_invalid_boot_request_cannot_be_made_so_it_never_reaches_the_cloud() {
        assertThatThrownBy(() -> servers.launch(demo, new BootRequest("", null, " ", List.of(), false, "", null,
                Map.of())))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::field)
                        .containsExactly("name", "flavor_id", "image_id", "network_ids", "key_name"));
        assertThatThrownBy(() -> new BootRequest("srv", "1", "img", List.of("net"), false, null,
                "x".repeat(BootRequest.MAX_USER_DATA_BASE64_BYTES), Map.of()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::field).containsExactly("user_data"));
        assertThat(cloud.calls("listFlavors")).isZero();
        assertThat(cloud.calls("boot")).isZero();
    }

    @Test
    void names_each_unknown_flavor_image_and_network_and_boots_nothing() {
        BootRequest unknown = new BootRequest("srv-x", "99", "no-image", List.of("no-net", TestData.PRIVATE_NETWORK_ID),
                false, null, null, Map.of());
        assertThatThrownBy(() -> servers.launch(demo, unknown))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.problems())
                        .containsExactly(new FieldProblem("flavor_id", "unknown flavor 99"),
                                new FieldProblem("image_id", "unknown image no-image"),
                                new FieldProblem("network_ids", "unknown network no-net")));
        assertThat(cloud.calls("boot")).isZero();
    }

    @Test
    void checks_flavor_image_and_networks_with_three_calls_running_at_the_same_time() {
        CountDownLatch allThreeStarted = new CountDownLatch(3);
        RendezvousCloud rendezvous = new RendezvousCloud(cloud, allThreeStarted);
        ServerService parallel = new ServerService(rendezvous, rendezvous, rendezvous);
        // Each call waits until all three have started: sequential calls would fail after the latch timeout.
        assertThat(parallel.launch(demo, boot("srv-parallel")).name()).isEqualTo("srv-parallel");
    }

    @Test
    void passes_quota_errors_through() {
        cloud.setInstanceQuota(TestData.DEMO.id(), 0);
        assertThatThrownBy(() -> servers.launch(demo, boot("srv-q"))).isInstanceOf(QuotaExceededException.class);
    }

    @Test
    void lists_servers_with_flavor_and_image_names_using_one_call_per_service() {
        for (int i = 0; i < 5; i++) {
            cloud.putServer(new Server(new ServerId("s" + i), "srv-" + i, ServerStatus.ACTIVE, List.of(),
                    new ResourceRef("2", null), new ResourceRef(TestData.CIRROS_IMAGE_ID, null), TestData.DEMO.id(),
                    Instant.parse("2026-11-22T05:00:00Z").plusSeconds(i), false, Map.of(), TestData.LOCATION));
        }
        Page<Server> page = servers.list(demo, ServerQuery.all());
        assertThat(page.items()).hasSize(5).allSatisfy(s -> {
            assertThat(s.flavor().name()).isEqualTo("m1.small");
            assertThat(s.image().name()).isEqualTo("cirros-0.6-lab");
        });
        assertThat(List.of(cloud.calls("listServers"), cloud.calls("listFlavors"), cloud.calls("listImages")))
                .containsExactly(1, 1, 1);
        assertThat(cloud.calls("findServer")).isZero();
    }

    @Test
    void shows_only_servers_of_the_callers_project() {
        Server theirs = servers.launch(TestData.session(TestData.altDemo()), boot("srv-alt"));
        assertThatThrownBy(() -> servers.get(demo, theirs.id())).isInstanceOf(NotFoundException.class);
        assertThat(servers.get(TestData.session(TestData.altDemo()), theirs.id()).name()).isEqualTo("srv-alt");
    }

    @Test
    void deletes_a_server_and_refuses_an_unknown_one() {
        Server mine = servers.launch(demo, boot("srv-del"));
        servers.delete(demo, mine.id());
        assertThat(cloud.allServers()).isEmpty();
        assertThatThrownBy(() -> servers.delete(demo, mine.id())).isInstanceOf(NotFoundException.class);
    }

    /** Delegates to the fake, but each list call waits until the three list calls have all started. */
    private record RendezvousCloud(FakeCloud cloud, CountDownLatch started)
            implements ComputeGateway, ImageGateway, NetworkGateway {
        private void meet() {
            started.countDown();
            try {
                if (!started.await(10, TimeUnit.SECONDS)) {
                    throw new AssertionError("list calls did not run in parallel");
                }
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }

        @Override public List<Flavor> listFlavors(Session s) { meet(); return cloud.listFlavors(s); }
        @Override public List<Image> listImages(Session s) { meet(); return cloud.listImages(s); }
        @Override public List<Network> listNetworks(Session s) { meet(); return cloud.listNetworks(s); }
        @Override public NetworkQuota quota(Session s) { return cloud.quota(s); }
        @Override public Page<Server> listServers(Session s, ServerQuery q) { return cloud.listServers(s, q); }
        @Override public java.util.Optional<Server> findServer(Session s, ServerId id) { return cloud.findServer(s, id); }
        @Override public Server boot(Session s, BootRequest r) { return cloud.boot(s, r); }
        @Override public void delete(Session s, ServerId id) { cloud.delete(s, id); }
        @Override public ComputeLimits limits(Session s) { return cloud.limits(s); }
        @Override public List<ServerUsage> usage(Session s, Instant a, Instant b) { return cloud.usage(s, a, b); }
    }
}
