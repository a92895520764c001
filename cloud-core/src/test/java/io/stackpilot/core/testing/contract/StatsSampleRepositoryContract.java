package io.stackpilot.core.testing.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.core.stats.SampleSource;
import io.stackpilot.core.stats.StatsSample;
import io.stackpilot.core.stats.StatsSampleRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract every {@link StatsSampleRepository} keeps; extend it with a factory for an empty repository. */
public abstract class StatsSampleRepositoryContract {
    protected static final Instant H0 = Instant.parse("2026-11-22T00:00:00Z");
    protected static final Instant COLLECTED = Instant.parse("2026-11-22T00:00:03.250Z");

    private StatsSampleRepository repository;

    /** A repository with no samples. */
    protected abstract StatsSampleRepository newRepository();

    @BeforeEach
    void create_an_empty_repository() {
        repository = newRepository();
    }

    @Test
    void inserts_new_samples_and_counts_them() {
        int inserted = repository.insertIfAbsent(List.of(live("demo", hour(0), 3), live("demo", hour(1), 4)));

        assertThat(inserted).isEqualTo(2);
        assertThat(repository.find("demo", hour(0), hour(2)))
                .containsExactly(live("demo", hour(0), 3), live("demo", hour(1), 4));
    }

    @Test
    void a_sample_for_a_stored_project_and_bucket_is_ignored_and_the_first_stays() {
        repository.insertIfAbsent(List.of(live("demo", hour(0), 3)));

        int inserted = repository.insertIfAbsent(List.of(
                new StatsSample("demo", hour(0), 9, SampleSource.BACKFILL, COLLECTED.plusSeconds(60)),
                live("demo", hour(1), 1)));

        assertThat(inserted).isEqualTo(1);
        assertThat(repository.find("demo", hour(0), hour(1))).containsExactly(live("demo", hour(0), 3));
    }

    @Test
    void the_same_sample_twice_in_one_batch_is_stored_once() {
        int inserted = repository.insertIfAbsent(List.of(live("demo", hour(0), 3), live("demo", hour(0), 3)));

        assertThat(inserted).isEqualTo(1);
        assertThat(repository.find("demo", hour(0), hour(1))).hasSize(1);
    }

    @Test
    void projects_have_their_own_buckets() {
        int inserted = repository.insertIfAbsent(List.of(live("demo", hour(0), 3), live("alt-demo", hour(0), 5),
                live(StatsSample.TOTAL, hour(0), 8)));

        assertThat(inserted).isEqualTo(3);
        assertThat(repository.find("alt-demo", hour(0), hour(1))).containsExactly(live("alt-demo", hour(0), 5));
        assertThat(repository.find(StatsSample.TOTAL, hour(0), hour(1))).extracting(StatsSample::running)
                .containsExactly(8);
    }

    @Test
    void find_returns_the_range_from_inclusive_to_exclusive_oldest_first() {
        repository.insertIfAbsent(List.of(live("demo", hour(3), 3), live("demo", hour(1), 1),
                backfill("demo", hour(2), 2), live("demo", hour(0), 0), live("demo", hour(4), 4)));

        assertThat(repository.find("demo", hour(1), hour(4)))
                .containsExactly(live("demo", hour(1), 1), backfill("demo", hour(2), 2), live("demo", hour(3), 3));
    }

    @Test
    void buckets_present_lists_the_buckets_with_a_sample_oldest_first() {
        repository.insertIfAbsent(List.of(live("demo", hour(5), 1), live("demo", hour(2), 1),
                live("alt-demo", hour(3), 1)));

        assertThat(repository.bucketsPresent("demo", hour(0), hour(24))).containsExactly(hour(2), hour(5));
        assertThat(repository.bucketsPresent("demo", hour(3), hour(5))).isEmpty();
    }

    @Test
    void delete_older_than_removes_earlier_buckets_of_every_project_and_counts_them() {
        repository.insertIfAbsent(List.of(live("demo", hour(0), 1), live("alt-demo", hour(1), 1),
                live("demo", hour(2), 1), live("demo", hour(3), 1)));

        assertThat(repository.deleteOlderThan(hour(2))).isEqualTo(2);
        assertThat(repository.deleteOlderThan(hour(2))).isZero();
        assertThat(repository.bucketsPresent("demo", hour(0), hour(24))).containsExactly(hour(2), hour(3));
        assertThat(repository.bucketsPresent("alt-demo", hour(0), hour(24))).isEmpty();
    }

    @Test
    void each_location_has_its_own_sample_of_a_bucket_and_find_returns_every_location() {
        StatsSample east = new StatsSample("demo", hour(0), 2, SampleSource.LIVE, COLLECTED, "lab-east/RegionOne");

        int inserted = repository.insertIfAbsent(List.of(live("demo", hour(0), 3), east,
                new StatsSample("demo", hour(0), 7, SampleSource.LIVE, COLLECTED, "lab-east/RegionOne")));

        assertThat(inserted).isEqualTo(2);
        assertThat(repository.find("demo", hour(0), hour(1))).containsExactly(live("demo", hour(0), 3), east);
    }

    @Test
    void buckets_present_counts_only_the_identity_clouds_own_location() {
        repository.insertIfAbsent(List.of(live("demo", hour(1), 1),
                new StatsSample("demo", hour(2), 2, SampleSource.LIVE, COLLECTED, "lab-east/RegionOne")));

        assertThat(repository.bucketsPresent("demo", hour(0), hour(24))).containsExactly(hour(1));
    }

    @Test
    void an_empty_batch_inserts_nothing() {
        assertThat(repository.insertIfAbsent(List.of())).isZero();
    }

    protected static Instant hour(int hours) {
        return H0.plus(Duration.ofHours(hours));
    }

    protected static StatsSample live(String projectId, Instant bucket, int running) {
        return new StatsSample(projectId, bucket, running, SampleSource.LIVE, COLLECTED);
    }

    protected static StatsSample backfill(String projectId, Instant bucket, int running) {
        return new StatsSample(projectId, bucket, running, SampleSource.BACKFILL, COLLECTED);
    }
}
