package io.stackpilot.server.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stackpilot.core.testing.MutableClock;
import io.stackpilot.server.config.LoginRateLimit;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoginRateLimiterTest {
    private final MutableClock clock = MutableClock.at("2026-11-22T06:00:00Z");
    private final LoginRateLimiter limiter = new LoginRateLimiter(LoginRateLimit.DEFAULT, clock, 100);

    @Test
    void a_source_has_a_burst_of_five_then_one_login_every_six_seconds() {
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.tryAcquire("192.0.2.1")).as("login " + i).isEmpty();
        }
        assertThat(limiter.tryAcquire("192.0.2.1")).contains(Duration.ofSeconds(6));
        clock.advance(Duration.ofSeconds(4));
        assertThat(limiter.tryAcquire("192.0.2.1")).contains(Duration.ofSeconds(2));
        clock.advance(Duration.ofSeconds(2));
        assertThat(limiter.tryAcquire("192.0.2.1")).isEmpty();
        assertThat(limiter.tryAcquire("192.0.2.1")).isPresent();
    }

    @Test
    void sources_are_limited_separately() {
        for (int i = 0; i < 5; i++) {
            limiter.tryAcquire("192.0.2.1");
        }
        assertThat(limiter.tryAcquire("192.0.2.1")).isPresent();
        assertThat(limiter.tryAcquire("192.0.2.2")).isEmpty();
    }

    @Test
    void keeps_at_most_the_configured_number_of_sources() {
        for (int i = 0; i < 1000; i++) {
            limiter.tryAcquire("198.51.100." + i);
        }
        assertThat(limiter.sources()).isLessThanOrEqualTo(100);
    }

    @Test
    void off_never_limits() {
        LoginRateLimiter off = new LoginRateLimiter(LoginRateLimit.parse("off"), clock, 10);
        for (int i = 0; i < 100; i++) {
            assertThat(off.tryAcquire("192.0.2.1")).isEmpty();
        }
        assertThat(off.sources()).isZero();
    }

    @Test
    void reads_the_rate_as_the_environment_gives_it() {
        assertThat(LoginRateLimit.parse("10/min,burst=5")).isEqualTo(LoginRateLimit.DEFAULT);
        assertThat(LoginRateLimit.parse("2/s")).isEqualTo(new LoginRateLimit(2, Duration.ofSeconds(1), 2));
        assertThat(LoginRateLimit.parse("100/h, burst=20")).isEqualTo(new LoginRateLimit(100, Duration.ofHours(1), 20));
        for (String wrong : new String[] {"10", "10/day", "0/min", "10/min,burst=0", "-1/s", "ten/min"}) {
            assertThatThrownBy(() -> LoginRateLimit.parse(wrong)).as(wrong).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
