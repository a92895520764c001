package io.stackpilot.core.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stackpilot.core.compute.BootRequest;
import io.stackpilot.core.compute.ServerService;
import io.stackpilot.core.error.ConflictException;
import io.stackpilot.core.error.InvalidRequestException;
import io.stackpilot.core.error.UpstreamTimeoutException;
import io.stackpilot.core.identity.Session;
import io.stackpilot.core.testing.FakeCloud;
import io.stackpilot.core.testing.InMemoryIdempotencyRepository;
import io.stackpilot.core.testing.MutableClock;
import io.stackpilot.core.testing.TestData;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IdempotentLauncherTest {
    private final MutableClock clock = MutableClock.at("2026-11-22T06:00:00Z");
    private final FakeCloud cloud = FakeCloud.withLabContent(clock);
    private final InMemoryIdempotencyRepository keys = new InMemoryIdempotencyRepository();
    private final IdempotentLauncher launcher = new IdempotentLauncher(new ServerService(cloud, cloud, cloud), keys,
            clock, Duration.ZERO);
    private final Session demo = TestData.session(TestData.demo());

    private static BootRequest boot(String name) {
        return new BootRequest(name, "1", TestData.CIRROS_IMAGE_ID, List.of(TestData.PRIVATE_NETWORK_ID), false,
                null, "#cloud-config secret", Map.of());
    }

    @Test
    void same_key_twice_creates_one_server_and_returns_the_first_answer() {
        IdempotentLauncher.Outcome first = launcher.launch(demo, "k1", boot("srv-a"), s -> "{\"id\":\"" + s.id() + "\"}");
        IdempotentLauncher.Outcome second = launcher.launch(demo, "k1", boot("srv-a"), s -> "other");
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.serverId()).isEqualTo(first.serverId());
        assertThat(second.replayed()).isTrue();
        assertThat(first.replayed()).isFalse();
        assertThat(cloud.allServers()).hasSize(1);
    }

    @Test
    void same_key_from_another_project_is_independent() {
        launcher.launch(demo, "k1", boot("srv-a"), s -> "a");
        launcher.launch(TestData.session(TestData.altDemo()), "k1", boot("srv-a"), s -> "b");
        assertThat(cloud.allServers()).hasSize(2);
    }

    @Test
    void same_key_with_a_different_request_is_a_conflict() {
        launcher.launch(demo, "k1", boot("srv-a"), s -> "a");
        assertThatThrownBy(() -> launcher.launch(demo, "k1", boot("srv-b"), s -> "b"))
                .isInstanceOf(ConflictException.class).hasMessageContaining("different request");
        assertThat(cloud.allServers()).hasSize(1);
    }

    @Test
    void a_key_older_than_a_day_launches_again() {
        launcher.launch(demo, "k1", boot("srv-a"), s -> "a");
        clock.advance(Duration.ofHours(24).plusSeconds(1));
        assertThat(launcher.launch(demo, "k1", boot("srv-a"), s -> "b").replayed()).isFalse();
        assertThat(cloud.allServers()).hasSize(2);
    }

    @Test
    void a_request_in_progress_makes_a_duplicate_a_conflict_asking_to_retry() {
        Instant now = clock.instant();
        keys.tryClaim("k1", TestData.DEMO.id(), RequestFingerprint.of(boot("srv-a")), now, now.plusSeconds(3600));
        assertThatThrownBy(() -> launcher.launch(demo, "k1", boot("srv-a"), s -> "a"))
                .isInstanceOf(ConflictException.class).hasMessageContaining("in progress").hasMessageContaining("retry");
        assertThat(cloud.allServers()).isEmpty();
    }

    @Test
    void a_duplicate_waits_for_the_first_request_and_returns_its_answer() throws Exception {
        java.util.concurrent.CountDownLatch waiting = new java.util.concurrent.CountDownLatch(1);
        IdempotencyRepository watched = new IdempotencyRepository() {
            @Override public boolean tryClaim(String k, String p, String h, Instant n, Instant e) { return keys.tryClaim(k, p, h, n, e); }
            @Override public void complete(String k, String p, int st, String b, String r) { keys.complete(k, p, st, b, r); }
            @Override public void release(String k, String p) { keys.release(k, p); }
            @Override public int deleteExpired(Instant n) { return keys.deleteExpired(n); }
            @Override public java.util.Optional<IdempotencyRecord> find(String k, String p, Instant n) {
                waiting.countDown();
                return keys.find(k, p, n);
            }
        };
        IdempotentLauncher patient = new IdempotentLauncher(new ServerService(cloud, cloud, cloud), watched, clock,
                Duration.ofSeconds(30));
        Instant now = clock.instant();
        String hash = RequestFingerprint.of(boot("srv-a"));
        keys.tryClaim("k1", TestData.DEMO.id(), hash, now, now.plusSeconds(3600));
        java.util.concurrent.CompletableFuture<IdempotentLauncher.Outcome> duplicate =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> patient.launch(demo, "k1", boot("srv-a"), s -> "x"));
        waiting.await();
        keys.complete("k1", TestData.DEMO.id(), 202, "first-answer", "server-1");
        IdempotentLauncher.Outcome outcome = duplicate.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(outcome.body()).isEqualTo("first-answer");
        assertThat(outcome.replayed()).isTrue();
        assertThat(cloud.allServers()).isEmpty();
    }

    @Test
    void a_failed_launch_releases_the_key_so_a_retry_runs() {
        cloud.failNext(() -> new UpstreamTimeoutException("compute", "slow", null, null));
        assertThatThrownBy(() -> launcher.launch(demo, "k1", boot("srv-a"), s -> "a"))
                .isInstanceOf(UpstreamTimeoutException.class);
        assertThat(launcher.launch(demo, "k1", boot("srv-a"), s -> "a").replayed()).isFalse();
        assertThat(cloud.allServers()).hasSize(1);
    }

    @Test
    void an_invalid_request_claims_nothing() {
        assertThatThrownBy(() -> launcher.launch(demo, "k1", boot(""), s -> "a"))
                .isInstanceOf(InvalidRequestException.class);
        assertThat(keys.find("k1", TestData.DEMO.id(), clock.instant())).isEmpty();
        assertThatThrownBy(() -> launcher.launch(demo, "x".repeat(256), boot("srv-a"), s -> "a"))
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
