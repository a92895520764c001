package io.stackpilot.core.testing.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stackpilot.core.error.ConflictException;
import io.stackpilot.core.managed.ManagedServerSpec;
import io.stackpilot.core.managed.UpdatePolicy;
import io.stackpilot.core.schedule.OneOffWindow;
import io.stackpilot.core.schedule.RecurringWindow;
import io.stackpilot.core.schedule.Schedule;
import io.stackpilot.core.schedule.ScheduleRepository;
import io.stackpilot.core.schedule.ScheduleRun;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract every {@link ScheduleRepository} keeps; extend it with a factory for an empty repository. */
public abstract class ScheduleRepositoryContract {
    protected static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    protected static final Duration LEASE = Duration.ofSeconds(60);
    protected static final String PROJECT = "demo-project-id";
    private static final ManagedServerSpec SPEC = new ManagedServerSpec("flavor-id", "image-id",
            List.of("net-a", "net-b"), "m1.tiny", "cirros", List.of("private", "net-b"), true, UpdatePolicy.REPLACE,
            "{\"cloud\":\"lab\"}");
    private static final RecurringWindow WEEKDAYS = new RecurringWindow(EnumSet.range(DayOfWeek.MONDAY,
            DayOfWeek.FRIDAY), LocalTime.of(8, 0), LocalTime.of(18, 0, 30), ZoneId.of("Europe/Rome"));
    private static final OneOffWindow ONCE = new OneOffWindow(NOW.plusSeconds(60), NOW.plusSeconds(90));

    private ScheduleRepository repository;

    /** A repository with no schedules. */
    protected abstract ScheduleRepository newRepository();

    @BeforeEach
    void create_an_empty_repository() {
        repository = newRepository();
    }

    protected static Schedule schedule(String name, io.stackpilot.core.schedule.Window window) {
        return new Schedule(UUID.randomUUID(), PROJECT, name, SPEC, 3, window, true, NOW, NOW, null);
    }

    @Test
    void a_schedule_reads_back_as_stored_with_either_kind_of_window_and_names_are_unique_per_project() {
        Schedule recurring = repository.insert(schedule("peak", WEEKDAYS));
        Schedule once = repository.insert(schedule("launch", ONCE));

        assertThat(repository.findById(recurring.id())).contains(recurring);
        assertThat(repository.find(PROJECT, "launch")).contains(once);
        assertThat(repository.list(PROJECT)).containsExactly(once, recurring);
        assertThat(repository.list("other-project")).isEmpty();
        assertThatThrownBy(() -> repository.insert(schedule("peak", ONCE))).isInstanceOf(ConflictException.class);
        Schedule elsewhere = new Schedule(UUID.randomUUID(), "other-project", "peak", SPEC, 1, ONCE, true, NOW, NOW,
                null);
        assertThat(repository.insert(elsewhere)).isEqualTo(elsewhere);
    }

    @Test
    void an_update_changes_count_window_and_enabled_and_a_deleted_schedule_is_gone_with_its_runs() {
        Schedule stored = repository.insert(schedule("peak", WEEKDAYS));
        Schedule changed = stored.with(7, ONCE, false, NOW.plusSeconds(5));

        assertThat(repository.update(changed)).contains(changed);
        assertThat(repository.findById(stored.id())).contains(changed);
        repository.serve(run(stored.id(), NOW, 1));

        assertThat(repository.delete(stored.id())).isTrue();
        assertThat(repository.delete(stored.id())).isFalse();
        assertThat(repository.update(changed)).isEmpty();
        assertThat(repository.runs(stored.id(), 10)).isEmpty();
    }

    @Test
    void a_due_schedule_is_claimed_by_one_holder_at_a_time_and_taken_over_when_its_lease_ends() {
        Schedule stored = repository.insert(schedule("peak", WEEKDAYS));

        assertThat(repository.claimDue("replica-a", NOW, LEASE, 10)).containsExactly(stored);
        assertThat(repository.claimDue("replica-b", NOW, LEASE, 10)).isEmpty();
        assertThat(repository.claimDue("replica-b", NOW.plus(LEASE), LEASE, 10)).containsExactly(stored);
        repository.release(stored.id(), "replica-a", NOW);
        assertThat(repository.claimDue("replica-c", NOW.plus(LEASE).plusSeconds(1), LEASE, 10)).isEmpty();
    }

    @Test
    void a_released_schedule_is_due_at_the_time_given_unless_it_changed_during_the_claim() {
        Schedule stored = repository.insert(schedule("peak", WEEKDAYS));
        repository.claimDue("replica-a", NOW, LEASE, 10);
        repository.release(stored.id(), "replica-a", NOW.plusSeconds(30));
        assertThat(repository.claimDue("replica-b", NOW.plusSeconds(29), LEASE, 10)).isEmpty();
        assertThat(repository.claimDue("replica-b", NOW.plusSeconds(30), LEASE, 10)).hasSize(1);

        repository.update(stored.with(5, WEEKDAYS, true, NOW.plusSeconds(31)));
        repository.release(stored.id(), "replica-b", NOW.plusSeconds(60));
        assertThat(repository.claimDue("replica-a", NOW.plusSeconds(31), LEASE, 10)).extracting(Schedule::count)
                .containsExactly(5);
    }

    @Test
    void a_window_is_recorded_once_however_often_it_is_served_and_its_run_ends_once_with_its_removals() {
        Schedule stored = repository.insert(schedule("peak", ONCE));
        UUID id = stored.id();
        repository.serve(run(id, NOW, 0));
        repository.serve(run(id, NOW.plusSeconds(5), 2));
        ScheduleRun third = repository.serve(run(id, NOW.plusSeconds(9), 1));

        assertThat(third.startedAt()).isEqualTo(NOW);
        assertThat(third.serversMade()).isEqualTo(2);
        assertThat(repository.openRuns(id)).containsExactly(third);
        repository.updateRun(id, ONCE.from(), 2, List.of("a problem"), null);
        repository.updateRun(id, ONCE.from(), 1, List.of("a problem", "another"), NOW.plusSeconds(100));

        assertThat(repository.openRuns(id)).isEmpty();
        assertThat(repository.runs(id, 10)).singleElement().satisfies(run -> {
            assertThat(run.serversRemoved()).isEqualTo(3);
            assertThat(run.problems()).containsExactly("a problem", "another");
            assertThat(run.endedAt()).isEqualTo(NOW.plusSeconds(100));
            assertThat(run.windowEnd()).isEqualTo(ONCE.until());
        });
    }

    @Test
    void runs_are_listed_newest_window_first() {
        Schedule stored = repository.insert(schedule("peak", WEEKDAYS));
        Instant monday = Instant.parse("2026-11-30T07:00:00Z");
        for (int day = 0; day < 3; day++) {
            Instant start = monday.plus(Duration.ofDays(day));
            repository.serve(new ScheduleRun(stored.id(), start, start.plus(Duration.ofHours(10)), start, 3, 3, null,
                    0, List.of()));
        }
        assertThat(repository.runs(stored.id(), 2)).extracting(ScheduleRun::windowStart)
                .containsExactly(monday.plus(Duration.ofDays(2)), monday.plus(Duration.ofDays(1)));
    }

    private static ScheduleRun run(UUID scheduleId, Instant at, int made) {
        return new ScheduleRun(scheduleId, ONCE.from(), ONCE.until(), at, 3, made, null, 0, List.of());
    }
}
