package io.stackpilot.core.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Schedules and their runs (PostgreSQL in the daemon, {@code InMemoryScheduleRepository} in tests). Thread-safe.
 */
public interface ScheduleRepository {

    /**
     * Stores a new schedule, due for a pass at once.
     *
     * @throws io.stackpilot.core.error.ConflictException when its project already has a schedule of that name
     */
    Schedule insert(Schedule schedule);

    /** Replaces count, window, enabled, updated at and deletion requested; makes it due at once. Empty when gone. */
    Optional<Schedule> update(Schedule schedule);

    Optional<Schedule> find(String projectId, String name);

    Optional<Schedule> findById(UUID id);

    /** The project's schedules by name. */
    List<Schedule> list(String projectId);

    /** Removes the schedule and its runs; false when already gone. */
    boolean delete(UUID id);

    /**
     * Claims up to {@code limit} schedules due at {@code now} and not claimed by another holder whose lease still
     * runs, for {@code holder} until {@code now + lease}. Never hands one schedule to two callers at once.
     */
    List<Schedule> claimDue(String holder, Instant now, Duration lease, int limit);

    /** Ends {@code holder}'s claim; the schedule is due again at {@code nextDue} (or earlier if changed meanwhile). */
    void release(UUID id, String holder, Instant nextDue);

    /**
     * Records that the window starting at {@code run.windowStart()} is being served: inserts the run once (a second
     * call for the same window, from any replica, inserts nothing) and otherwise sets servers wanted and made and
     * re-opens it (ended at null). Returns the stored run.
     */
    ScheduleRun serve(ScheduleRun run);

    /** The runs not ended yet, oldest first. */
    List<ScheduleRun> openRuns(UUID scheduleId);

    /** Adds removed servers and problems (not already listed) to a run, and ends it when {@code endedAt} is set. */
    void updateRun(UUID scheduleId, Instant windowStart, int removedMore, List<String> newProblems,
                   Instant endedAt);

    /** The schedule's runs, newest window first, at most {@code limit}. */
    List<ScheduleRun> runs(UUID scheduleId, int limit);
}
