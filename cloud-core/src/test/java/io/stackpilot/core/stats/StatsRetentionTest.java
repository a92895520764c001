package io.stackpilot.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stackpilot.core.testing.InMemoryStatsSampleRepository;
import io.stackpilot.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatsRetentionTest {
    private final MutableClock clock = MutableClock.at("2026-11-22T06:20:00Z");
    private final InMemoryStatsSampleRepository samples = new InMemoryStatsSampleRepository();

    private void store(String iso) {
        samples.insertIfAbsent(List.of(new StatsSample("p", Instant.parse(iso), 1, SampleSource.LIVE,
                Instant.parse(iso))));
    }

    @Test
    void deletes_the_samples_older_than_the_retention() {
        store("2026-08-24T06:00:00Z");
        store("2026-08-24T07:00:00Z");
        store("2026-11-22T06:00:00Z");
        StatsRetention retention = new StatsRetention(samples, StatsBuckets.hourly(), Duration.ofDays(90), clock);

        assertThat(retention.purge()).isEqualTo(1);
        assertThat(samples.all()).extracting(StatsSample::bucket).containsExactly(
                Instant.parse("2026-08-24T07:00:00Z"), Instant.parse("2026-11-22T06:00:00Z"));
        assertThat(retention.purge()).isZero();
    }

    @Test
    void rejects_a_retention_shorter_than_two_intervals() {
        assertThatThrownBy(() -> new StatsRetention(samples, StatsBuckets.hourly(), Duration.ofMinutes(90), clock))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least two intervals");
    }
}
