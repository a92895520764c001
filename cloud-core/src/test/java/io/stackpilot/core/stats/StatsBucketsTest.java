package io.stackpilot.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class StatsBucketsTest {

    private static Instant at(String iso) {
        return Instant.parse(iso);
    }

    @Test
    void an_hourly_bucket_is_the_start_of_its_utc_hour() {
        StatsBuckets hourly = StatsBuckets.hourly();

        assertThat(hourly.bucketOf(at("2026-11-22T06:41:12.345Z"))).isEqualTo(at("2026-11-22T06:00:00Z"));
        assertThat(hourly.bucketOf(at("2026-11-22T06:00:00Z"))).isEqualTo(at("2026-11-22T06:00:00Z"));
        assertThat(hourly.bucketOf(at("2026-11-22T05:59:59.999Z"))).isEqualTo(at("2026-11-22T05:00:00Z"));
    }

    @Test
    void five_second_buckets_follow_the_wall_clock() {
        StatsBuckets buckets = new StatsBuckets(Duration.ofSeconds(5));

        assertThat(buckets.bucketOf(at("2026-11-22T06:41:14.999Z"))).isEqualTo(at("2026-11-22T06:41:10Z"));
        assertThat(buckets.next(at("2026-11-22T06:41:10Z"))).isEqualTo(at("2026-11-22T06:41:15Z"));
        assertThat(buckets.isBucket(at("2026-11-22T06:41:15Z"))).isTrue();
        assertThat(buckets.isBucket(at("2026-11-22T06:41:16Z"))).isFalse();
    }

    @Test
    void six_hour_buckets_start_at_midnight_utc() {
        StatsBuckets buckets = new StatsBuckets(Duration.ofHours(6));

        assertThat(buckets.bucketOf(at("2026-11-22T05:59:00Z"))).isEqualTo(at("2026-11-22T00:00:00Z"));
        assertThat(buckets.bucketOf(at("2026-11-22T23:00:00Z"))).isEqualTo(at("2026-11-22T18:00:00Z"));
    }

    @Test
    void instants_before_the_epoch_fall_in_the_bucket_that_starts_before_them() {
        assertThat(StatsBuckets.hourly().bucketOf(at("1969-12-31T23:30:00Z"))).isEqualTo(at("1969-12-31T23:00:00Z"));
    }

    @Test
    void the_last_completed_bucket_is_the_one_before_the_current_bucket() {
        assertThat(StatsBuckets.hourly().lastCompleted(at("2026-11-22T06:00:00Z")))
                .isEqualTo(at("2026-11-22T05:00:00Z"));
        assertThat(StatsBuckets.hourly().lastCompleted(at("2026-11-22T06:59:59Z")))
                .isEqualTo(at("2026-11-22T05:00:00Z"));
    }

    @Test
    void between_lists_the_buckets_starting_in_the_half_open_range_rounding_the_start_up() {
        assertThat(StatsBuckets.hourly().between(at("2026-11-22T03:10:00Z"), at("2026-11-22T06:00:00Z")))
                .containsExactly(at("2026-11-22T04:00:00Z"), at("2026-11-22T05:00:00Z"));
        assertThat(StatsBuckets.hourly().between(at("2026-11-22T04:00:00Z"), at("2026-11-22T04:00:00Z"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT1S", "PT5S", "PT1M", "PT15M", "PT1H", "PT6H", "PT24H"})
    void accepts_intervals_that_divide_a_day(String interval) {
        assertThat(new StatsBuckets(Duration.parse(interval)).interval()).isEqualTo(Duration.parse(interval));
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT7M", "PT5H", "PT25H", "PT0.0001S"})
    void rejects_intervals_that_do_not_divide_a_day_with_a_clear_message(String interval) {
        assertThatThrownBy(() -> new StatsBuckets(Duration.parse(interval)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stats interval must")
                .hasMessageContaining(Duration.parse(interval).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT0S", "-PT1H"})
    void rejects_empty_and_negative_intervals(String interval) {
        assertThatThrownBy(() -> new StatsBuckets(Duration.parse(interval)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positive");
    }

    @Test
    void require_bucket_rejects_an_instant_inside_a_bucket() {
        assertThatThrownBy(() -> StatsBuckets.hourly().requireBucket(at("2026-11-22T06:00:01Z"), "bucket"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bucket must be the start of a PT1H bucket");
    }
}
