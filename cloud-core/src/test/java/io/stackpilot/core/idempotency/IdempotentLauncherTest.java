package io.stackpilot.core.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stackpilot.core.compute.BootRequest;
import io.stackpilot.core.compute.Server;
import io.stackpilot.core.compute.ServerService;
import io.stackpilot.core.error.ConflictException;
import io.stackpilot.core.error.InvalidRequestException;
import io.stackpilot.core.error.QuotaExceededException;
import io.stackpilot.core.identity.Session;
import io.stackpilot.core.testing.FakeCloud;
import io.stackpilot.core.testing.InMemoryIdempotencyRepository;
import io.stackpilot.core.testing.MutableClock;
import io.stackpilot.core.testing.TestData;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The happy paths, conflicts and refusals; the ambiguous failures are in {@link IdempotentLauncherRecoveryTest}. */
class IdempotentLauncherTest {
    private final MutableClock clock = MutableClock.at("2026-11-22T06:00:00Z");
    private final FakeCloud cloud = FakeCloud.withLabContent(clock);
    private final InMemoryIdempotencyRepository keys = new InMemoryIdempotencyRepository();
    private final ServerService servers = new ServerService(cloud, cloud, cloud);
    private final IdempotentLauncher launcher = new IdempotentLauncher(servers, keys, clock, Duration.ZERO);
    private final Session demo = TestData.session(TestData.demo());

    static BootRequest boot(String name) {
        return new BootRequest(name, "1", TestData.CIRROS_IMAGE_ID, List.of(TestData.PRIVATE_NETWORK_ID), false,
                null, "#cloud-config secret", Map.of());
    }

    @Test
    void same_key_twice_creates_one_server_and_replays_it() {
        IdempotentLauncher.Outcome first = launcher.launch(demo, "k1", boot("srv-a"));
        IdempotentLauncher.Outcome second = launcher.launch(demo, "k1", boot("srv-a"));
        assertThat(second.server().id()).isEqualTo(first.server().id());
        assertThat(second.server().flavor().name()).isEqualTo("m1.tiny");
        assertThat(second.replayed()).isTrue();
        assertThat(first.replayed()).isFalse();
        assertThat(cloud.allServers()).hasSize(1);
    }

    @Test
    void stores_the_created_server_id_as_the_outcome() {
        Server server = launcher.launch(demo, "k1", boot("srv-a")).server();
        assertThat(keys.find("k1", TestData.DEMO.id(), clock.instant()))
                .map(IdempotencyRecord::serverId).contains(server.id().value());
    }

    @Test
    void boots_with_the_keys_fingerprint_in_the_servers_metadata() {
        Server server = launcher.launch(demo, "k1", boot("srv-a")).server();
        String marker = RequestFingerprint.ofKey(TestData.DEMO.id(), "k1");
        assertThat(cloud.allServers().getFirst().metadata()).containsEntry(Server.IDEMPOTENCY_METADATA_KEY, marker);
        assertThat(server.metadata()).containsEntry(Server.IDEMPOTENCY_METADATA_KEY, marker);
        assertThat(marker).hasSize(32).doesNotContain("k1");
    }

    @Test
    void a_keyed_launch_keeps_its_security_groups_and_the_same_key_with_other_groups_is_a_conflict() {
        BootRequest ssh = new BootRequest("srv-a", "1", TestData.CIRROS_IMAGE_ID,
                List.of(TestData.PRIVATE_NETWORK_ID), false, null, null, Map.of(), List.of("ssh"));
        BootRequest web = new BootRequest("srv-a", "1", TestData.CIRROS_IMAGE_ID,
                List.of(TestData.PRIVATE_NETWORK_ID), false, null, null, Map.of(), List.of("web"));

        launcher.launch(demo, "k1", ssh);

        assertThatThrownBy(() -> launcher.launch(demo, "k1", web)).isInstanceOf(ConflictException.class);
        assertThat(ssh.withMetadata(Server.IDEMPOTENCY_METADATA_KEY, "m").securityGroups()).containsExactly("ssh");
    }

    @Test
    void same_key_from_another_project_is_independent() {
        launcher.launch(demo, "k1", boot("srv-a"));
        launcher.launch(TestData.session(TestData.altDemo()), "k1", boot("srv-a"));
        assertThat(cloud.allServers()).hasSize(2);
    }

    @Test
    void same_key_with_a_different_request_is_a_conflict() {
        launcher.launch(demo, "k1", boot("srv-a"));
        assertThatThrownBy(() -> launcher.launch(demo, "k1", boot("srv-b")))
                .isInstanceOf(ConflictException.class).hasMessageContaining("different request");
        assertThat(cloud.allServers()).hasSize(1);
    }

    @Test
    void a_key_older_than_a_day_launches_again() {
        launcher.launch(demo, "k1", boot("srv-a"));
        clock.advance(Duration.ofHours(24).plusSeconds(1));
        assertThat(launcher.launch(demo, "k1", boot("srv-a")).replayed()).isFalse();
        assertThat(cloud.allServers()).hasSize(2);
    }

    @Test
    void a_replay_whose_server_was_deleted_is_a_conflict_naming_the_server() {
        Server server = launcher.launch(demo, "k1", boot("srv-a")).server();
        servers.delete(demo, server.id());
        assertThatThrownBy(() -> launcher.launch(demo, "k1", boot("srv-a")))
                .isInstanceOf(ConflictException.class).hasMessageContaining(server.id().value());
        assertThat(cloud.allServers()).isEmpty();
    }

    @Test
    void a_request_in_progress_makes_a_duplicate_a_conflict_asking_to_retry() {
        Instant now = clock.instant();
        keys.tryClaim("k1", TestData.DEMO.id(), RequestFingerprint.of(boot("srv-a")), now, now.plusSeconds(60),
                now.plusSeconds(3600));
        assertThatThrownBy(() -> launcher.launch(demo, "k1", boot("srv-a")))
                .isInstanceOf(ConflictException.class).hasMessageContaining("in progress").hasMessageContaining("retry");
        assertThat(cloud.allServers()).isEmpty();
    }

    @Test
    void a_duplicate_waits_for_the_first_request_and_replays_its_server() throws Exception {
        CountDownLatch waiting = new CountDownLatch(1);
        IdempotencyRepository watched = new IdempotencyRepository() {
            @Override public Claim tryClaim(String k, String p, String h, Instant n, Instant c, Instant e) {
                return keys.tryClaim(k, p, h, n, c, e);
            }
            @Override public void complete(String k, String p, String s) { keys.complete(k, p, s); }
            @Override public void release(String k, String p) { keys.release(k, p); }
            @Override public int deleteExpired(Instant n, int l) { return keys.deleteExpired(n, l); }
            @Override public Optional<IdempotencyRecord> find(String k, String p, Instant n) {
                waiting.countDown();
                return keys.find(k, p, n);
            }
        };
        IdempotentLauncher patient = new IdempotentLauncher(servers, watched, clock, Duration.ofSeconds(30));
        Instant now = clock.instant();
        keys.tryClaim("k1", TestData.DEMO.id(), RequestFingerprint.of(boot("srv-a")), now, now.plusSeconds(60),
                now.plusSeconds(3600));
        CompletableFuture<IdempotentLauncher.Outcome> duplicate =
                CompletableFuture.supplyAsync(() -> patient.launch(demo, "k1", boot("srv-a")));
        waiting.await();
        Server first = servers.launch(demo, boot("srv-a"));
        keys.complete("k1", TestData.DEMO.id(), first.id().value());
        IdempotentLauncher.Outcome outcome = duplicate.get(30, TimeUnit.SECONDS);
        assertThat(outcome.server().id()).isEqualTo(first.id());
        assertThat(outcome.replayed()).isTrue();
        assertThat(cloud.allServers()).hasSize(1);
    }

    @Test
    void a_launch_the_cloud_refuses_releases_the_key_so_a_retry_runs() {
        cloud.setInstanceQuota(TestData.DEMO.id(), 0);
        assertThatThrownBy(() -> launcher.launch(demo, "k1", boot("srv-a")))
                .isInstanceOf(QuotaExceededException.class);
        assertThat(keys.find("k1", TestData.DEMO.id(), clock.instant())).isEmpty();
        cloud.setInstanceQuota(TestData.DEMO.id(), 10);
        assertThat(launcher.launch(demo, "k1", boot("srv-a")).replayed()).isFalse();
        assertThat(cloud.allServers()).hasSize(1);
    }

    @Test
    void an_invalid_request_claims_nothing() {
        assertThatThrownBy(() -> launcher.launch(demo, "k1", boot("")))
                .isInstanceOf(InvalidRequestException.class);
        assertThat(keys.find("k1", TestData.DEMO.id(), clock.instant())).isEmpty();
        assertThatThrownBy(() -> launcher.launch(demo, "x".repeat(256), boot("srv-a")))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void fingerprints_differ_for_different_user_data() {
        BootRequest a = boot("srv-a");
        BootRequest b = new BootRequest("srv-a", "1", TestData.CIRROS_IMAGE_ID, List.of(TestData.PRIVATE_NETWORK_ID),
                false, null, "other", Map.of());
        assertThat(RequestFingerprint.of(a)).isNotEqualTo(RequestFingerprint.of(b)).doesNotContain("secret");
        assertThat(RequestFingerprint.of(a)).isEqualTo(RequestFingerprint.of(boot("srv-a")));
    }
}
