package io.stackpilot.core.idempotency;

import static io.stackpilot.core.idempotency.IdempotentLauncherTest.boot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stackpilot.core.common.Page;
import io.stackpilot.core.compute.BootRequest;
import io.stackpilot.core.compute.ComputeGateway;
import io.stackpilot.core.compute.ComputeLimits;
import io.stackpilot.core.compute.Flavor;
import io.stackpilot.core.compute.Server;
import io.stackpilot.core.compute.ServerId;
import io.stackpilot.core.compute.ServerQuery;
import io.stackpilot.core.compute.ServerService;
import io.stackpilot.core.compute.ServerUsage;
import io.stackpilot.core.error.ConflictException;
import io.stackpilot.core.error.UpstreamFailureException;
import io.stackpilot.core.error.UpstreamTimeoutException;
import io.stackpilot.core.identity.Session;
import io.stackpilot.core.testing.FakeCloud;
import io.stackpilot.core.testing.InMemoryIdempotencyRepository;
import io.stackpilot.core.testing.MutableClock;
import io.stackpilot.core.testing.TestData;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Issue 14.7: a failure that leaves it unknown whether the server exists, or a replica that dies holding the claim,
 * must not let a retry boot a second server.
 */
class IdempotentLauncherRecoveryTest {
    private final MutableClock clock = MutableClock.at("2026-11-22T06:00:00Z");
    private final FakeCloud cloud = FakeCloud.withLabContent(clock);
    private final AmbiguousBoot compute = new AmbiguousBoot(cloud);
    private final InMemoryIdempotencyRepository keys = new InMemoryIdempotencyRepository();
    private final IdempotentLauncher launcher = new IdempotentLauncher(new ServerService(compute, cloud, cloud), keys,
            clock, Duration.ZERO);
    private final Session demo = TestData.session(TestData.demo());

    @Test
    void a_timeout_after_nova_accepted_the_boot_keeps_the_key_and_the_retry_finds_the_server() {
        compute.failAfterBoot(() -> new UpstreamTimeoutException("compute", "read timed out", null, null));
        assertThatThrownBy(() -> launcher.launch(demo, "k1", boot("srv-a")))
                .isInstanceOf(UpstreamTimeoutException.class);
        assertThatThrownBy(() -> launcher.launch(demo, "k1", boot("srv-a")))
                .isInstanceOf(ConflictException.class).hasMessageContaining("in progress");

        clock.advance(IdempotentLauncher.CLAIM_LIFETIME);
        IdempotentLauncher.Outcome retry = launcher.launch(demo, "k1", boot("srv-a"));

        assertThat(cloud.allServers()).hasSize(1);
        assertThat(retry.server().id()).isEqualTo(cloud.allServers().getFirst().id());
        assertThat(retry.replayed()).isTrue();
        assertThat(cloud.calls("boot")).isEqualTo(1);
        assertThat(launcher.launch(demo, "k1", boot("srv-a")).server().id()).isEqualTo(retry.server().id());
    }

    @Test
    void a_failed_read_right_after_a_successful_boot_does_not_lead_to_a_second_server() {
        compute.failAfterBoot(() -> new UpstreamFailureException("compute", "GET answered 503", null, null));
        assertThatThrownBy(() -> launcher.launch(demo, "k1", boot("srv-a")))
                .isInstanceOf(UpstreamFailureException.class);

        clock.advance(IdempotentLauncher.CLAIM_LIFETIME);
        assertThat(launcher.launch(demo, "k1", boot("srv-a")).replayed()).isTrue();
        assertThat(cloud.allServers()).hasSize(1);
    }

    @Test
    void a_timeout_before_the_cloud_created_anything_boots_once_on_the_retry() {
        cloud.failNext(() -> new UpstreamTimeoutException("compute", "read timed out", null, null));
        assertThatThrownBy(() -> launcher.launch(demo, "k1", boot("srv-a")))
                .isInstanceOf(UpstreamTimeoutException.class);

        clock.advance(IdempotentLauncher.CLAIM_LIFETIME);
        IdempotentLauncher.Outcome retry = launcher.launch(demo, "k1", boot("srv-a"));

        assertThat(retry.replayed()).isFalse();
        assertThat(cloud.allServers()).hasSize(1);
        assertThat(cloud.calls("listServers")).isEqualTo(1);
    }

    @Test
    void a_claim_left_by_a_dead_replica_is_taken_over_after_its_expiry_and_its_server_found() {
        String hash = RequestFingerprint.of(boot("srv-a"));
        Instant now = clock.instant();
        keys.tryClaim("k1", TestData.DEMO.id(), hash, now, now.plus(IdempotentLauncher.CLAIM_LIFETIME),
                now.plus(IdempotentLauncher.KEY_LIFETIME));
        // The dead replica's boot reached the cloud: the server carries the key's fingerprint.
        new ServerService(cloud, cloud, cloud).launch(demo, withMarker(boot("srv-a"), "k1"));

        assertThatThrownBy(() -> launcher.launch(demo, "k1", boot("srv-a"))).isInstanceOf(ConflictException.class);
        clock.advance(IdempotentLauncher.CLAIM_LIFETIME);
        IdempotentLauncher.Outcome outcome = launcher.launch(demo, "k1", boot("srv-a"));

        assertThat(outcome.replayed()).isTrue();
        assertThat(cloud.allServers()).extracting(Server::id).containsExactly(outcome.server().id());
        assertThat(keys.find("k1", TestData.DEMO.id(), clock.instant())).map(IdempotencyRecord::serverId)
                .contains(outcome.server().id().value());
    }

    @Test
    void a_claim_left_by_a_replica_that_died_before_booting_boots_once() {
        Instant now = clock.instant();
        keys.tryClaim("k1", TestData.DEMO.id(), RequestFingerprint.of(boot("srv-a")), now, now.plusSeconds(120),
                now.plus(IdempotentLauncher.KEY_LIFETIME));
        cloud.putServer(TestData.server("srv-a", TestData.DEMO, io.stackpilot.core.compute.ServerStatus.ACTIVE, now));

        clock.advance(Duration.ofSeconds(120));
        IdempotentLauncher.Outcome outcome = launcher.launch(demo, "k1", boot("srv-a"));

        assertThat(outcome.replayed()).isFalse();
        assertThat(cloud.allServers()).hasSize(2); // the namesake without the key's fingerprint is not ours
    }

    private static BootRequest withMarker(BootRequest request, String key) {
        return new BootRequest(request.name(), request.flavorId(), request.imageId(), request.networkIds(),
                request.preemptible(), request.keyName(), request.userData(), java.util.Map.of(
                        Server.IDEMPOTENCY_METADATA_KEY, RequestFingerprint.ofKey(TestData.DEMO.id(), key)));
    }

    /** The fake cloud, but the next boot fails after the cloud created the server (a lost answer, a failed read). */
    private static final class AmbiguousBoot implements ComputeGateway {
        private final FakeCloud cloud;
        private volatile Supplier<? extends RuntimeException> afterBoot;

        AmbiguousBoot(FakeCloud cloud) {
            this.cloud = cloud;
        }

        void failAfterBoot(Supplier<? extends RuntimeException> failure) {
            afterBoot = failure;
        }

        @Override public Server boot(Session s, BootRequest r) {
            Server server = cloud.boot(s, r);
            Supplier<? extends RuntimeException> failure = afterBoot;
            afterBoot = null;
            if (failure != null) {
                throw failure.get();
            }
            return server;
        }

        @Override public List<Flavor> listFlavors(Session s) { return cloud.listFlavors(s); }
        @Override public Page<Server> listServers(Session s, ServerQuery q) { return cloud.listServers(s, q); }
        @Override public Optional<Server> findServer(Session s, ServerId id) { return cloud.findServer(s, id); }
        @Override public void delete(Session s, ServerId id) { cloud.delete(s, id); }
        @Override public ComputeLimits limits(Session s) { return cloud.limits(s); }
        @Override public List<ServerUsage> usage(Session s, Instant a, Instant b) { return cloud.usage(s, a, b); }
    }
}
