package io.stackpilot.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.stackpilot.core.error.ConflictException;
import io.stackpilot.core.error.FieldProblem;
import io.stackpilot.core.error.InvalidRequestException;
import io.stackpilot.core.testing.EngineHarness;
import io.stackpilot.core.testing.InMemoryScheduleRepository;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScheduleServiceTest {
    private final EngineHarness engine = new EngineHarness();
    private final InMemoryScheduleRepository schedules = new InMemoryScheduleRepository();
    private final ScheduleService service = new ScheduleService(schedules, engine.resources, engine.cloud,
            engine.cloud, engine.cloud, engine.clock);

    private static WindowRequest weekdays() {
        return new WindowRequest(List.of("mon", "tue", "wed", "thu", "fri"), "08:00", "18:00", "Europe/Rome", null,
                null);
    }

    @Test
    void every_problem_of_a_bad_request_is_listed_and_nothing_is_stored() {
        InvalidRequestException invalid = catchThrowableOfType(InvalidRequestException.class, () ->
                service.create(engine.demo, new ScheduleRequest("Peak!", "no-such-flavor", "cirros-0.6-lab",
                        List.of("private"), 101, null, null, new WindowRequest(null, null, null, null,
                                "2026-12-02T10:00:00Z", "2026-12-02T09:00:00Z"))));

        assertThat(invalid.problems()).extracting(FieldProblem::field)
                .containsExactlyInAnyOrder("name", "count", "window.from", "flavor");
        assertThat(schedules.list(engine.demo.project().id())).isEmpty();
    }

    @Test
    void an_unknown_zone_a_bad_day_and_bad_times_are_each_reported() {
        InvalidRequestException invalid = catchThrowableOfType(InvalidRequestException.class, () ->
                service.create(engine.demo, new ScheduleRequest("peak", "m1.tiny", "cirros-0.6-lab",
                        List.of("private"), 0, null, null, new WindowRequest(List.of("mon", "funday"), "8 am",
                                "25:00", "Mars/Olympus", null, null))));

        assertThat(invalid.problems()).extracting(FieldProblem::field).containsExactlyInAnyOrder("count",
                "window.days", "window.start", "window.end", "window.time_zone");
        assertThat(invalid.problems()).anySatisfy(problem -> assertThat(problem.message()).contains("Mars/Olympus"));
    }

    @Test
    void a_recurring_window_is_stored_with_its_days_times_and_zone_and_the_name_is_unique_per_project() {
        ScheduleView created = service.create(engine.demo, new ScheduleRequest("peak", "m1.tiny", "cirros-0.6-lab",
                List.of("private"), 2, true, "{\"cloud\":\"lab\"}", weekdays()));

        Schedule stored = created.schedule();
        assertThat(stored.window()).isEqualTo(new RecurringWindow(java.util.EnumSet.range(DayOfWeek.MONDAY,
                DayOfWeek.FRIDAY), LocalTime.of(8, 0), LocalTime.of(18, 0), ZoneId.of("Europe/Rome")));
        assertThat(stored.spec().preemptible()).isTrue();
        assertThat(stored.spec().placement()).isEqualTo("{\"cloud\":\"lab\"}");
        assertThat(stored.enabled()).isTrue();
        assertThat(created.nextStart()).isNotNull();
        assertThat(catchThrowableOfType(ConflictException.class, () -> service.create(engine.demo,
                new ScheduleRequest("peak", "m1.tiny", "cirros-0.6-lab", List.of("private"), 1, null, null,
                        weekdays())))).isNotNull();
        assertThat(service.create(engine.altDemo, new ScheduleRequest("peak", "m1.tiny", "cirros-0.6-lab",
                List.of("private"), 1, null, null, weekdays())).schedule().projectId())
                .isEqualTo(engine.altDemo.project().id());
    }

    @Test
    void a_patch_with_a_bad_count_and_window_lists_both_and_changes_nothing() {
        service.create(engine.demo, new ScheduleRequest("peak", "m1.tiny", "cirros-0.6-lab", List.of("private"), 2,
                null, null, weekdays()));
        InvalidRequestException invalid = catchThrowableOfType(InvalidRequestException.class, () ->
                service.update(engine.demo, "peak", new SchedulePatch(false, 0, new WindowRequest(null, "08:00",
                        "08:00", "UTC", null, null))));
        assertThat(invalid.problems()).extracting(FieldProblem::field).containsExactlyInAnyOrder("count",
                "window.end");
        assertThat(service.get(engine.demo, "peak").schedule().enabled()).isTrue();
    }
}
