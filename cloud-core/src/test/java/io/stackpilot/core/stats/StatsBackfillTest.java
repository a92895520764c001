package io.stackpilot.core.stats;

import static io.stackpilot.core.testing.TestData.ALT_DEMO;
import static io.stackpilot.core.testing.TestData.DEMO;
import static io.stackpilot.core.testing.TestData.PARTNER_A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.stackpilot.core.compute.ServerStatus;
import io.stackpilot.core.compute.ServerUsage;
import io.stackpilot.core.identity.ProjectRef;
import io.stackpilot.core.testing.FakeCloud;
import io.stackpilot.core.testing.InMemoryStatsSampleRepository;
import io.stackpilot.core.testing.MutableClock;
import io.stackpilot.core.testing.TestData;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The service was down from 01:30 to 04:10 on 2026-11-22 and missed the buckets 02:00, 03:00 and 04:00; every other
 * bucket since 00:00 has a live sample. The usage records are shaped like Nova's {@code os-simple-tenant-usage}
 * answer: started_at, ended_at (null while the server exists) and the state at the end of the report.
 */
class StatsBackfillTest {
    private static final Instant MIDNIGHT = Instant.parse("2026-11-22T00:00:00Z");
    private static final List<ProjectRef> ALLOWED = List.of(DEMO, ALT_DEMO);

    private final MutableClock clock = MutableClock.at("2026-11-22T06:20:00Z");
    private final FakeCloud cloud = FakeCloud.withLabContent(clock);
    private final InMemoryStatsSampleRepository samples = new InMemoryStatsSampleRepository();

    private static Instant at(String hhmm) {
        return Instant.parse("2026-11-22T" + hhmm + ":00Z");
    }

    private StatsBackfill backfill(Duration retention) {
        return new StatsBackfill(cloud, () -> TestData.session(TestData.admin()), AllowedProjects.fixed(ALLOWED),
                samples, StatsBuckets.hourly(), retention, clock);
    }

    private void lifetime(String id, ProjectRef project, String started, String ended, ServerStatus state) {
        cloud.putLifetime(new ServerUsage(id, "sta-" + id, project.id(), Instant.parse(started),
                ended == null ? null : Instant.parse(ended), state));
    }

    @BeforeEach
    void a_history_with_a_gap() {
        List<StatsSample> live = new ArrayList<>();
        for (String hour : List.of("00:00", "01:00", "05:00", "06:00")) {
            for (String project : List.of(DEMO.id(), ALT_DEMO.id(), StatsSample.TOTAL)) {
                live.add(new StatsSample(project, at(hour), 7, SampleSource.LIVE, at(hour)));
            }
        }
        samples.insertIfAbsent(live);
        // Started before the gap, still running.
        lifetime("a", DEMO, "2026-11-21T20:00:00Z", null, ServerStatus.ACTIVE);
        // Started and deleted inside the gap.
        lifetime("b", DEMO, "2026-11-22T02:30:00Z", "2026-11-22T03:40:00Z", ServerStatus.DELETED);
        // Deleted exactly at 02:00: no longer there at that instant.
        lifetime("c", DEMO, "2026-11-22T01:00:00Z", "2026-11-22T02:00:00Z", ServerStatus.DELETED);
        // Started exactly at 03:00: there at that instant.
        lifetime("d", ALT_DEMO, "2026-11-22T03:00:00Z", null, ServerStatus.ACTIVE);
        // Started after the gap.
        lifetime("e", ALT_DEMO, "2026-11-22T05:30:00Z", null, ServerStatus.ACTIVE);
        // A project outside the allowlist.
        lifetime("f", PARTNER_A, "2026-11-21T00:00:00Z", null, ServerStatus.ACTIVE);
        // Existed but was stopped: usage cannot tell, so it counts (backfill is an upper bound).
        lifetime("g", DEMO, "2026-11-21T12:00:00Z", null, ServerStatus.SHUTOFF);
    }

    private List<Integer> running(String projectId, String... hours) {
        List<Integer> counts = new ArrayList<>();
        for (String hour : hours) {
            counts.add(samples.find(projectId, at(hour), at(hour).plusSeconds(1)).getFirst().running());
        }
        return counts;
    }

    @Test
    void reconstructs_the_missing_buckets_from_server_lifetimes() {
        backfill(Duration.ofDays(90)).backfill();

        assertThat(running(DEMO.id(), "02:00", "03:00", "04:00")).containsExactly(2, 3, 2);
        assertThat(running(ALT_DEMO.id(), "02:00", "03:00", "04:00")).containsExactly(0, 1, 1);
        assertThat(running(StatsSample.TOTAL, "02:00", "03:00", "04:00")).containsExactly(2, 4, 3);
        assertThat(samples.find(DEMO.id(), at("02:00"), at("05:00")))
                .allSatisfy(s -> {
                    assertThat(s.source()).isEqualTo(SampleSource.BACKFILL);
                    assertThat(s.collectedAt()).isEqualTo(clock.instant());
                });
        assertThat(samples.find(PARTNER_A.id(), MIDNIGHT.minus(Duration.ofDays(40)), clock.instant())).isEmpty();
    }

    @Test
    void never_overwrites_live_samples() {
        backfill(Duration.ofDays(90)).backfill();

        assertThat(samples.find(DEMO.id(), MIDNIGHT, at("07:00")))
                .extracting(StatsSample::bucket, StatsSample::source)
                .containsExactly(tuple(at("00:00"), SampleSource.LIVE), tuple(at("01:00"), SampleSource.LIVE),
                        tuple(at("02:00"), SampleSource.BACKFILL), tuple(at("03:00"), SampleSource.BACKFILL),
                        tuple(at("04:00"), SampleSource.BACKFILL), tuple(at("05:00"), SampleSource.LIVE),
                        tuple(at("06:00"), SampleSource.LIVE));
        assertThat(running(DEMO.id(), "00:00", "01:00", "05:00", "06:00")).containsOnly(7);
    }

    @Test
    void the_current_bucket_is_not_backfilled() {
        InMemoryStatsSampleRepository empty = new InMemoryStatsSampleRepository();
        new StatsBackfill(cloud, () -> TestData.session(TestData.admin()), AllowedProjects.fixed(ALLOWED), empty,
                StatsBuckets.hourly(), Duration.ofDays(90), clock).backfill();

        assertThat(empty.find(StatsSample.TOTAL, at("06:00"), at("07:00"))).isEmpty();
        assertThat(empty.find(StatsSample.TOTAL, at("05:00"), at("06:00"))).isNotEmpty();
    }

    @Test
    void asks_the_cloud_once_for_the_whole_missing_range() {
        StatsBackfill.BackfillOutcome outcome = backfill(Duration.ofDays(90)).backfill();

        assertThat(cloud.calls("usage")).isEqualTo(1);
        // The window is the last 744 completed buckets (what a report can show), all missing before midnight.
        assertThat(outcome.from()).isEqualTo(at("06:00").minus(Duration.ofHours(StatsQuery.MAX_POINTS)));
        assertThat(outcome.to()).isEqualTo(at("06:00"));
        assertThat(outcome.missingBuckets()).isEqualTo(StatsQuery.MAX_POINTS - 3);
        assertThat(outcome.inserted()).isEqualTo(3 * (StatsQuery.MAX_POINTS - 3));
    }

    @Test
    void a_second_run_finds_nothing_missing_and_does_not_ask_the_cloud() {
        StatsBackfill backfill = backfill(Duration.ofDays(90));
        backfill.backfill();

        StatsBackfill.BackfillOutcome again = backfill.backfill();

        assertThat(again.missingBuckets()).isZero();
        assertThat(again.inserted()).isZero();
        assertThat(cloud.calls("usage")).isEqualTo(1);
    }

    @Test
    void looks_back_no_further_than_the_retention() {
        StatsBackfill.BackfillOutcome outcome = backfill(Duration.ofDays(1)).backfill();

        assertThat(outcome.from()).isEqualTo(Instant.parse("2026-11-21T07:00:00Z"));
        assertThat(samples.find(StatsSample.TOTAL, Instant.EPOCH, outcome.from())).isEmpty();
        assertThat(samples.find(StatsSample.TOTAL, outcome.from(), outcome.from().plusSeconds(1)))
                .singleElement().extracting(StatsSample::source).isEqualTo(SampleSource.BACKFILL);
    }

    @Test
    void a_project_allowed_later_gets_its_history_even_where_the_total_is_live() {
        backfill(Duration.ofDays(90)).backfill();
        List<ProjectRef> withPartner = List.of(DEMO, ALT_DEMO, PARTNER_A);

        new StatsBackfill(cloud, () -> TestData.session(TestData.admin()), AllowedProjects.fixed(withPartner),
                samples, StatsBuckets.hourly(), Duration.ofDays(90), clock).backfill();

        assertThat(running(PARTNER_A.id(), "00:00", "05:00")).containsExactly(1, 1);
        assertThat(running(StatsSample.TOTAL, "05:00")).as("live total kept").containsExactly(7);
    }
}
