package io.stackpilot.persistence.schedule;

import io.stackpilot.core.error.ConflictException;
import io.stackpilot.core.schedule.Schedule;
import io.stackpilot.core.schedule.ScheduleRepository;
import io.stackpilot.core.schedule.ScheduleRun;
import io.stackpilot.persistence.db.UniqueViolation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Schedules in {@code schedule}, their runs in {@code schedule_run}. A claim is the managed servers' statement
 * ({@code UPDATE ... WHERE id IN (SELECT ... FOR UPDATE SKIP LOCKED) RETURNING}); a run is inserted with {@code
 * ON CONFLICT (schedule_id, window_start)}, so a window is recorded once whatever replica serves it. Thread-safe.
 */
public final class JdbiScheduleRepository implements ScheduleRepository {
    private static final String SELECT = "SELECT " + ScheduleRows.COLUMNS + " FROM schedule ";
    private static final String INSERT = "INSERT INTO schedule (" + ScheduleRows.COLUMNS + ", next_pass_at) VALUES ("
            + ScheduleRows.VALUES + ", :updatedAt)";
    private static final String UPDATE = """
            UPDATE schedule SET count = :count, window_days = :windowDays, window_start = :windowStart,
                window_end = :windowEnd, window_time_zone = :windowTimeZone, window_from = :windowFrom,
                window_until = :windowUntil, enabled = :enabled, updated_at = :updatedAt,
                deletion_requested_at = :deletionRequestedAt, next_pass_at = LEAST(next_pass_at, :updatedAt)
            WHERE id = :id AND project_id = :projectId
            RETURNING\s""" + ScheduleRows.COLUMNS;
    private static final String CLAIM = """
            UPDATE schedule SET claimed_by = :holder, claim_until = :until, next_pass_at = :until
            WHERE id IN (SELECT id FROM schedule
                         WHERE next_pass_at <= :now AND (claim_until IS NULL OR claim_until <= :now)
                         ORDER BY next_pass_at LIMIT :limit FOR UPDATE SKIP LOCKED)
            RETURNING\s""" + ScheduleRows.COLUMNS;
    // A due time moved before the claim's end while it was held (a PATCH) is a change to look at soon: keep it.
    private static final String RELEASE = """
            UPDATE schedule SET claimed_by = NULL, claim_until = NULL,
                next_pass_at = CASE WHEN next_pass_at < claim_until THEN LEAST(next_pass_at, :nextDue)
                                    ELSE :nextDue END
            WHERE id = :id AND claimed_by = :holder""";
    private static final String SERVE = "INSERT INTO schedule_run (" + ScheduleRows.RUN_COLUMNS + """
            ) VALUES (:scheduleId, :windowStart, :windowEnd, :startedAt, :wanted, :made, NULL, 0, '{}')
            ON CONFLICT (schedule_id, window_start) DO UPDATE SET servers_wanted = EXCLUDED.servers_wanted,
                servers_made = GREATEST(schedule_run.servers_made, EXCLUDED.servers_made), ended_at = NULL
            RETURNING\s""" + ScheduleRows.RUN_COLUMNS;
    private static final String UPDATE_RUN = """
            UPDATE schedule_run SET servers_removed = servers_removed + :removed,
                problems = problems || ARRAY(SELECT DISTINCT problem FROM unnest(CAST(:problems AS text[])) problem
                                             WHERE problem <> ALL (schedule_run.problems)),
                ended_at = COALESCE(CAST(:endedAt AS timestamptz), ended_at)
            WHERE schedule_id = :scheduleId AND window_start = :windowStart""";

    private final Jdbi jdbi;

    public JdbiScheduleRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public Schedule insert(Schedule schedule) {
        try {
            jdbi.useHandle(handle -> ScheduleRows.bind(handle.createUpdate(INSERT), schedule).execute());
            return schedule;
        } catch (UnableToExecuteStatementException e) {
            if (UniqueViolation.isCause(e)) {
                throw new ConflictException("schedule " + schedule.name() + " already exists in this project");
            }
            throw e;
        }
    }

    @Override
    public Optional<Schedule> update(Schedule schedule) {
        // The same binding as the insert; what a schedule cannot change (name, spec) is bound and not used.
        return jdbi.withHandle(handle -> ScheduleRows.bind(handle.createQuery(UPDATE).configure(
                        org.jdbi.v3.core.statement.SqlStatements.class,
                        statements -> statements.setUnusedBindingAllowed(true)), schedule)
                .map(ScheduleRows.MAPPER).findOne());
    }

    @Override
    public Optional<Schedule> find(String projectId, String name) {
        return jdbi.withHandle(handle -> handle.createQuery(SELECT + "WHERE project_id = :projectId AND name = :name")
                .bind("projectId", projectId).bind("name", name).map(ScheduleRows.MAPPER).findOne());
    }

    @Override
    public Optional<Schedule> findById(UUID id) {
        return jdbi.withHandle(handle -> handle.createQuery(SELECT + "WHERE id = :id").bind("id", id)
                .map(ScheduleRows.MAPPER).findOne());
    }

    @Override
    public List<Schedule> list(String projectId) {
        return jdbi.withHandle(handle -> handle.createQuery(SELECT + "WHERE project_id = :projectId ORDER BY name")
                .bind("projectId", projectId).map(ScheduleRows.MAPPER).list());
    }

    @Override
    public boolean delete(UUID id) {
        return jdbi.withHandle(handle -> handle.createUpdate("DELETE FROM schedule WHERE id = :id").bind("id", id)
                .execute()) == 1;
    }

    @Override
    public List<Schedule> claimDue(String holder, Instant now, Duration lease, int limit) {
        return jdbi.withHandle(handle -> handle.createQuery(CLAIM).bind("holder", holder)
                .bind("until", now.plus(lease)).bind("now", now).bind("limit", limit).map(ScheduleRows.MAPPER)
                .list());
    }

    @Override
    public void release(UUID id, String holder, Instant nextDue) {
        jdbi.useHandle(handle -> handle.createUpdate(RELEASE).bind("id", id).bind("holder", holder)
                .bind("nextDue", nextDue).execute());
    }

    @Override
    public ScheduleRun serve(ScheduleRun run) {
        return jdbi.withHandle(handle -> handle.createQuery(SERVE).bind("scheduleId", run.scheduleId())
                .bind("windowStart", run.windowStart()).bind("windowEnd", run.windowEnd())
                .bind("startedAt", run.startedAt()).bind("wanted", run.serversWanted())
                .bind("made", run.serversMade()).map(ScheduleRows.RUN_MAPPER).one());
    }

    @Override
    public List<ScheduleRun> openRuns(UUID scheduleId) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT " + ScheduleRows.RUN_COLUMNS
                        + " FROM schedule_run WHERE schedule_id = :id AND ended_at IS NULL ORDER BY window_start")
                .bind("id", scheduleId).map(ScheduleRows.RUN_MAPPER).list());
    }

    @Override
    public void updateRun(UUID scheduleId, Instant windowStart, int removedMore, List<String> newProblems,
                          Instant endedAt) {
        jdbi.useHandle(handle -> handle.createUpdate(UPDATE_RUN).bind("scheduleId", scheduleId)
                .bind("windowStart", windowStart).bind("removed", removedMore)
                .bindArray("problems", String.class, newProblems).bind("endedAt", endedAt).execute());
    }

    @Override
    public List<ScheduleRun> runs(UUID scheduleId, int limit) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT " + ScheduleRows.RUN_COLUMNS
                        + " FROM schedule_run WHERE schedule_id = :id ORDER BY window_start DESC LIMIT :limit")
                .bind("id", scheduleId).bind("limit", limit).map(ScheduleRows.RUN_MAPPER).list());
    }
}
