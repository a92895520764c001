package io.stackpilot.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stackpilot.core.error.ForbiddenException;
import io.stackpilot.core.error.NotFoundException;
import io.stackpilot.core.testing.InMemoryStatsSampleRepository;
import io.stackpilot.core.testing.MutableClock;
import io.stackpilot.core.testing.TestData;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatsReaderTest {
    private final MutableClock clock = MutableClock.at("2026-11-22T06:30:00Z");
    private final StatsReader reader = new StatsReader(
            new StatsQuery(new InMemoryStatsSampleRepository(), StatsBuckets.hourly(), clock),
            AllowedProjects.fixed(List.of(TestData.DEMO, TestData.ADMIN_PROJECT)));

    @Test
    void reads_the_callers_own_project_without_any_role() {
        StatsReport report = reader.report(TestData.session(TestData.altDemo()), null, false, 3);
        assertThat(report.projectId()).isEqualTo(TestData.ALT_DEMO.id());
        assertThat(report.points()).hasSize(3);
    }

    @Test
    void refuses_another_project_or_the_total_to_a_caller_without_the_admin_role() {
        assertThatThrownBy(() -> reader.report(TestData.session(TestData.altDemo()), TestData.DEMO.id(), false, 3))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> reader.report(TestData.session(TestData.altDemo()), null, true, 3))
                .isInstanceOf(ForbiddenException.class);
    }

    @Test
    void lets_an_admin_read_an_allowed_project_and_the_total() {
        assertThat(reader.report(TestData.session(TestData.admin()), TestData.DEMO.id(), false, 3).projectId())
                .isEqualTo(TestData.DEMO.id());
        assertThat(reader.report(TestData.session(TestData.admin()), null, true, 3).projectId())
                .isEqualTo(StatsSample.TOTAL);
    }

    @Test
    void answers_not_found_for_a_project_outside_the_allowlist_even_to_an_admin() {
        assertThatThrownBy(() -> reader.report(TestData.session(TestData.admin()), TestData.ALT_DEMO.id(), false, 3))
                .isInstanceOf(NotFoundException.class);
    }
}
