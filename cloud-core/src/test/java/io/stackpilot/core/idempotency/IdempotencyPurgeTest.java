package io.stackpilot.core.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.core.testing.InMemoryIdempotencyRepository;
import io.stackpilot.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class IdempotencyPurgeTest {
    private final MutableClock clock = MutableClock.at("2026-11-22T06:00:00Z");
    private final InMemoryIdempotencyRepository keys = new InMemoryIdempotencyRepository();

    private void keyExpiringIn(String key, Duration lifetime) {
        Instant now = clock.instant();
        keys.tryClaim(key, "demo", "hash", now, now.plusSeconds(1), now.plus(lifetime));
    }

    @Test
    void deletes_expired_keys_in_batches_up_to_the_run_limit_and_keeps_live_ones() {
        for (int i = 0; i < 25; i++) {
            keyExpiringIn("old-" + i, Duration.ofHours(1));
        }
        keyExpiringIn("live", Duration.ofHours(48));
        clock.advance(Duration.ofHours(2));
        IdempotencyPurge purge = new IdempotencyPurge(keys, clock, 10, 2);

        assertThat(purge.purge()).isEqualTo(20);
        assertThat(purge.purge()).isEqualTo(5);
        assertThat(purge.purge()).isZero();
        assertThat(keys.find("live", "demo", clock.instant())).isPresent();
    }
}
