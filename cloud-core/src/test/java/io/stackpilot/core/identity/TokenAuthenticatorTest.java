package io.stackpilot.core.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stackpilot.core.error.UnauthenticatedException;
import io.stackpilot.core.error.UpstreamUnavailableException;
import io.stackpilot.core.testing.FakeCloud;
import io.stackpilot.core.testing.MutableClock;
import io.stackpilot.core.testing.TestData;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TokenAuthenticatorTest {
    private final MutableClock clock = MutableClock.at("2026-11-22T06:00:00Z");
    private final FakeCloud cloud = FakeCloud.withLabContent(clock);
    private final TokenAuthenticator authenticator = new TokenAuthenticator(cloud, clock, Duration.ofSeconds(60), 100);

    @Test
    void validates_a_token_once_per_ttl() {
        String token = cloud.issueToken(TestData.demo());
        assertThat(authenticator.authenticate(token)).isEqualTo(TestData.demo());
        assertThat(authenticator.authenticate(token)).isEqualTo(TestData.demo());
        assertThat(cloud.calls("validate")).isEqualTo(1);
        assertThat(authenticator.hits()).isEqualTo(1);
        assertThat(authenticator.misses()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(61));
        authenticator.authenticate(token);
        assertThat(cloud.calls("validate")).isEqualTo(2);
    }

    @Test
    void caches_no_longer_than_the_token_lives() {
        Principal shortLived = Principal.projectScoped(TestData.demo().user(), TestData.DEMO, Set.of("member"),
                Instant.parse("2026-11-22T06:00:10Z"));
        String token = cloud.issueToken(shortLived);
        authenticator.authenticate(token);
        clock.advance(Duration.ofSeconds(11));
        assertThatThrownBy(() -> authenticator.authenticate(token)).isInstanceOf(UnauthenticatedException.class);
        assertThat(cloud.calls("validate")).isEqualTo(2);
    }

    @Test
    void remembers_a_rejection_for_the_rejection_ttl_only() {
        assertThatThrownBy(() -> authenticator.authenticate("bogus")).isInstanceOf(UnauthenticatedException.class);
        assertThatThrownBy(() -> authenticator.authenticate("bogus")).isInstanceOf(UnauthenticatedException.class);
        assertThat(cloud.calls("validate")).isEqualTo(1);
        clock.advance(TokenAuthenticator.DEFAULT_REJECTION_TTL.plusSeconds(1));
        assertThatThrownBy(() -> authenticator.authenticate("bogus")).isInstanceOf(UnauthenticatedException.class);
        assertThat(cloud.calls("validate")).isEqualTo(2);
        assertThatThrownBy(() -> authenticator.authenticate(" ")).isInstanceOf(UnauthenticatedException.class);
    }

    @Test
    void does_not_remember_an_upstream_failure_as_a_rejection() {
        cloud.failNext(() -> new UpstreamUnavailableException("identity", "keystone down", null, null));
        String token = cloud.issueToken(TestData.demo());
        assertThatThrownBy(() -> authenticator.authenticate(token)).isInstanceOf(UpstreamUnavailableException.class);
        assertThat(authenticator.authenticate(token)).isEqualTo(TestData.demo());
        assertThat(authenticator.rejectedSize()).isZero();
    }

    @Test
    void keeps_at_most_the_configured_number_of_rejections() {
        TokenAuthenticator small = new TokenAuthenticator(cloud, clock, Duration.ofSeconds(60), 3);
        for (int i = 0; i < 10; i++) {
            String bogus = "bogus-" + i;
            assertThatThrownBy(() -> small.authenticate(bogus)).isInstanceOf(UnauthenticatedException.class);
        }
        assertThat(small.rejectedSize()).isLessThanOrEqualTo(3);
    }

    @Test
    void a_token_issued_by_a_login_is_not_held_back_by_an_earlier_rejection() {
        String token = "later-issued";
        assertThatThrownBy(() -> authenticator.authenticate(token)).isInstanceOf(UnauthenticatedException.class);
        authenticator.remember(token, TestData.demo());
        assertThat(authenticator.authenticate(token)).isEqualTo(TestData.demo());
    }

    @Test
    void concurrent_first_requests_for_one_token_cause_one_validation() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger validations = new AtomicInteger();
        IdentityGateway slow = new IdentityGateway() {
            @Override public IssuedToken authenticate(Credentials credentials) { throw new UnsupportedOperationException(); }
            @Override public List<ProjectRef> listProjects() { return List.of(); }
            @Override public void revoke(Session session) { throw new UnsupportedOperationException(); }
            @Override public Principal validate(String token) {
                validations.incrementAndGet();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
                return TestData.demo();
            }
        };
        TokenAuthenticator shared = new TokenAuthenticator(slow, clock, Duration.ofSeconds(60), 100);
        List<Future<Principal>> results = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 20; i++) {
                results.add(executor.submit(() -> shared.authenticate("same-token")));
            }
            while (shared.hits() + shared.misses() < 20) {
                Thread.sleep(5);
            }
            release.countDown();
            for (Future<Principal> result : results) {
                assertThat(result.get()).isEqualTo(TestData.demo());
            }
        }
        assertThat(validations.get()).isEqualTo(1);
    }

    @Test
    void keeps_at_most_the_configured_number_of_entries() {
        TokenAuthenticator small = new TokenAuthenticator(cloud, clock, Duration.ofSeconds(60), 3);
        for (int i = 0; i < 10; i++) {
            small.authenticate(cloud.issueToken(TestData.demo()));
        }
        assertThat(small.size()).isLessThanOrEqualTo(3);
    }

    @Test
    void a_forgotten_token_is_validated_again_and_refused_once_revoked() {
        String token = cloud.issueToken(TestData.demo());
        authenticator.authenticate(token);
        cloud.revoke(new Session(token, TestData.demo(), TestData.LOCATION));

        authenticator.forget(token);

        assertThatThrownBy(() -> authenticator.authenticate(token)).isInstanceOf(UnauthenticatedException.class);
        assertThat(cloud.calls("validate")).isEqualTo(2);
    }

    @Test
    void remembers_a_token_issued_by_a_login() {
        authenticator.remember("fresh-token", TestData.demo());
        assertThat(authenticator.authenticate("fresh-token")).isEqualTo(TestData.demo());
        assertThat(cloud.calls("validate")).isZero();
    }
}
