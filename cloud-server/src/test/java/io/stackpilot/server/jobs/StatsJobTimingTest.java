package io.stackpilot.server.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StatsJobTimingTest {
    private static final Instant HOUR = Instant.parse("2026-11-22T06:00:00Z");

    @Test
    void hourly_stats_tick_every_30_seconds_with_a_90_second_lease() {
        StatsJobTiming timing = StatsJobTiming.forInterval(Duration.ofHours(1));

        assertThat(timing.tick()).isEqualTo(Duration.ofSeconds(30));
        assertThat(timing.leaseTtl()).isEqualTo(Duration.ofSeconds(90));
        assertThat(timing.maxBackoff()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void short_intervals_tick_six_times_per_interval_so_a_takeover_fits_in_one_interval() {
        StatsJobTiming timing = StatsJobTiming.forInterval(Duration.ofSeconds(5));

        assertThat(timing.tick()).isEqualTo(Duration.ofNanos(833_333_333));
        assertThat(timing.leaseTtl().plus(timing.tick())).isLessThan(timing.interval());
        assertThat(timing.maxBackoff()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void the_next_tick_lies_on_a_grid_aligned_to_the_bucket_whenever_the_tick_ran() {
        StatsJobTiming timing = StatsJobTiming.forInterval(Duration.ofHours(1));

        assertThat(timing.delayToNextTick(HOUR, HOUR)).isEqualTo(Duration.ofSeconds(30));
        assertThat(timing.delayToNextTick(HOUR, HOUR.plusMillis(1_250))).isEqualTo(Duration.ofMillis(28_750));
        assertThat(timing.delayToNextTick(HOUR, HOUR.plusSeconds(3590))).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void the_last_tick_of_a_short_interval_lands_on_the_next_bucket_despite_rounding() {
        StatsJobTiming timing = StatsJobTiming.forInterval(Duration.ofSeconds(5));
        Instant bucket = Instant.parse("2026-11-22T06:00:05Z");
        Instant fifthTick = bucket.plus(timing.tick().multipliedBy(5));

        assertThat(fifthTick.plus(timing.delayToNextTick(bucket, fifthTick))).isEqualTo(bucket.plusSeconds(5));
    }

    @Test
    void backoff_doubles_from_one_tick_up_to_the_cap() {
        StatsJobTiming timing = StatsJobTiming.forInterval(Duration.ofHours(1));

        assertThat(timing.backoff(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(timing.backoff(2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(timing.backoff(4)).isEqualTo(Duration.ofSeconds(240));
        assertThat(timing.backoff(5)).isEqualTo(Duration.ofMinutes(5));
        assertThat(timing.backoff(1_000)).isEqualTo(Duration.ofMinutes(5));
    }
}
