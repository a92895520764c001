package io.stackpilot.core.stats;

import static io.stackpilot.core.testing.TestData.DEMO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stackpilot.core.error.FieldProblem;
import io.stackpilot.core.error.InvalidRequestException;
import io.stackpilot.core.testing.InMemoryStatsSampleRepository;
import io.stackpilot.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatsQueryTest {
    private final MutableClock clock = MutableClock.at("2026-11-22T06:20:00Z");
    private final InMemoryStatsSampleRepository samples = new InMemoryStatsSampleRepository();
    private final StatsQuery query = new StatsQuery(samples, StatsBuckets.hourly(), clock);

    private static Instant at(String hhmm) {
        return Instant.parse("2026-11-22T" + hhmm + ":00Z");
    }

    private void store(String projectId, String hhmm, int running, SampleSource source) {
        samples.insertIfAbsent(List.of(new StatsSample(projectId, at(hhmm), running, source, at(hhmm))));
    }

    @Test
    void gives_exactly_the_requested_points_oldest_first_ending_at_the_last_completed_bucket() {
        store(DEMO.id(), "02:00", 3, SampleSource.LIVE);
        store(DEMO.id(), "04:00", 5, SampleSource.BACKFILL);
        store(DEMO.id(), "05:00", 6, SampleSource.LIVE);
        store(DEMO.id(), "06:00", 9, SampleSource.LIVE);
        store("other-project", "03:00", 1, SampleSource.LIVE);

        StatsReport report = query.report(DEMO.id(), 5);

        assertThat(report.projectId()).isEqualTo(DEMO.id());
        assertThat(report.interval()).isEqualTo(Duration.ofHours(1));
        assertThat(report.points()).containsExactly(
                StatsPoint.unknown(at("01:00")),
                new StatsPoint(at("02:00"), 3, SampleSource.LIVE),
                StatsPoint.unknown(at("03:00")),
                new StatsPoint(at("04:00"), 5, SampleSource.BACKFILL),
                new StatsPoint(at("05:00"), 6, SampleSource.LIVE));
    }

    @Test
    void sums_the_locations_by_default_and_gives_one_location_when_asked() {
        store(DEMO.id(), "04:00", 2, SampleSource.LIVE);
        store(DEMO.id(), "05:00", 1, SampleSource.BACKFILL);
        samples.insertIfAbsent(List.of(
                new StatsSample(DEMO.id(), at("05:00"), 3, SampleSource.LIVE, at("05:00"), "lab-east/RegionOne"),
                new StatsSample(DEMO.id(), at("03:00"), 4, SampleSource.LIVE, at("03:00"), "lab-east/RegionOne")));

        assertThat(query.report(DEMO.id(), 3).points()).containsExactly(
                new StatsPoint(at("03:00"), 4, SampleSource.LIVE),
                new StatsPoint(at("04:00"), 2, SampleSource.LIVE),
                new StatsPoint(at("05:00"), 4, SampleSource.BACKFILL));
        assertThat(query.report(DEMO.id(), "lab-east/RegionOne", 3).points()).containsExactly(
                new StatsPoint(at("03:00"), 4, SampleSource.LIVE),
                StatsPoint.unknown(at("04:00")),
                new StatsPoint(at("05:00"), 3, SampleSource.LIVE));
        assertThat(query.report(DEMO.id(), StatsSample.HOME, 3).points()).containsExactly(
                StatsPoint.unknown(at("03:00")),
                new StatsPoint(at("04:00"), 2, SampleSource.LIVE),
                new StatsPoint(at("05:00"), 1, SampleSource.BACKFILL));
    }

    @Test
    void defaults_to_24_points_all_unknown_when_nothing_was_sampled() {
        StatsReport report = query.report(StatsSample.TOTAL, null);

        assertThat(report.points()).hasSize(24).allSatisfy(p -> {
            assertThat(p.running()).isNull();
            assertThat(p.source()).isNull();
        });
        assertThat(report.points().getFirst().at()).isEqualTo(Instant.parse("2026-11-21T06:00:00Z"));
        assertThat(report.points().getLast().at()).isEqualTo(at("05:00"));
    }

    @Test
    void gives_31_days_of_consecutive_hourly_points_at_most() {
        StatsReport report = query.report(DEMO.id(), StatsQuery.MAX_POINTS);

        assertThat(report.points()).hasSize(744);
        for (int i = 1; i < report.points().size(); i++) {
            assertThat(Duration.between(report.points().get(i - 1).at(), report.points().get(i).at()))
                    .isEqualTo(Duration.ofHours(1));
        }
    }

    @Test
    void follows_the_configured_interval() {
        MutableClock fast = MutableClock.at("2026-11-22T06:20:07Z");
        StatsReport report = new StatsQuery(samples, new StatsBuckets(Duration.ofSeconds(5)), fast)
                .report(DEMO.id(), 3);

        assertThat(report.interval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(report.points()).extracting(StatsPoint::at).containsExactly(
                Instant.parse("2026-11-22T06:19:50Z"), Instant.parse("2026-11-22T06:19:55Z"),
                Instant.parse("2026-11-22T06:20:00Z"));
    }

    @Test
    void rejects_points_outside_one_to_744_naming_the_field() {
        for (int points : new int[] {0, -1, 745}) {
            assertThatThrownBy(() -> query.report(DEMO.id(), points))
                    .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.problems())
                            .containsExactly(new FieldProblem("points",
                                    "must be between 1 and 744, was " + points)));
        }
    }

    @Test
    void rejects_a_missing_project() {
        assertThatThrownBy(() -> query.report(" ", 24))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.problems()).extracting(FieldProblem::field).containsExactly("project_id"));
    }

    @Test
    void parses_the_points_parameter_and_rejects_what_is_not_a_whole_number() {
        assertThat(StatsQuery.parsePoints(null)).isNull();
        assertThat(StatsQuery.parsePoints("")).isNull();
        assertThat(StatsQuery.parsePoints(" 48 ")).isEqualTo(48);
        for (String bad : new String[] {"abc", "2.5", "99999999999"}) {
            assertThatThrownBy(() -> StatsQuery.parsePoints(bad))
                    .isInstanceOfSatisfying(InvalidRequestException.class,
                            e -> assertThat(e.problems()).extracting(FieldProblem::field).containsExactly("points"));
        }
    }

    @Test
    void a_point_knows_both_count_and_source_or_neither() {
        assertThatThrownBy(() -> new StatsPoint(at("01:00"), 3, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StatsPoint(at("01:00"), null, SampleSource.LIVE))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
