package io.stackpilot.persistence.schedule;

import io.stackpilot.core.managed.ManagedServerSpec;
import io.stackpilot.core.managed.UpdatePolicy;
import io.stackpilot.core.schedule.OneOffWindow;
import io.stackpilot.core.schedule.RecurringWindow;
import io.stackpilot.core.schedule.Schedule;
import io.stackpilot.core.schedule.ScheduleRun;
import io.stackpilot.core.schedule.Window;
import io.stackpilot.core.schedule.WindowRequest;
import io.stackpilot.persistence.db.Columns;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.SqlStatement;

/** How a {@link Schedule} maps to a row of {@code schedule}, and a {@link ScheduleRun} to {@code schedule_run}. */
final class ScheduleRows {
    static final String COLUMNS = """
            id, project_id, name, flavor_id, image_id, network_ids, flavor_ref, image_ref, network_refs, preemptible,
            placement, count, window_days, window_start, window_end, window_time_zone, window_from, window_until,
            enabled, created_at, updated_at, deletion_requested_at""";
    static final String VALUES = """
            :id, :projectId, :name, :flavorId, :imageId, :networkIds, :flavorRef, :imageRef, :networkRefs,
            :preemptible, :placement, :count, :windowDays, :windowStart, :windowEnd, :windowTimeZone, :windowFrom,
            :windowUntil, :enabled, :createdAt, :updatedAt, :deletionRequestedAt""";
    static final String RUN_COLUMNS = "schedule_id, window_start, window_end, started_at, servers_wanted,"
            + " servers_made, ended_at, servers_removed, problems";

    static final RowMapper<Schedule> MAPPER = (row, context) -> new Schedule(row.getObject("id", UUID.class),
            row.getString("project_id"), row.getString("name"), spec(row), row.getInt("count"), window(row),
            row.getBoolean("enabled"), Columns.instant(row, "created_at"), Columns.instant(row, "updated_at"),
            Columns.instant(row, "deletion_requested_at"));

    static final RowMapper<ScheduleRun> RUN_MAPPER = (row, context) -> new ScheduleRun(
            row.getObject("schedule_id", UUID.class), Columns.instant(row, "window_start"),
            Columns.instant(row, "window_end"), Columns.instant(row, "started_at"), row.getInt("servers_wanted"),
            row.getInt("servers_made"), Columns.instant(row, "ended_at"), row.getInt("servers_removed"),
            strings(row.getArray("problems")));

    private ScheduleRows() {
    }

    static <S extends SqlStatement<S>> S bind(S statement, Schedule schedule) {
        ManagedServerSpec spec = schedule.spec();
        statement.bind("id", schedule.id()).bind("projectId", schedule.projectId()).bind("name", schedule.name())
                .bind("flavorId", spec.flavorId()).bind("imageId", spec.imageId())
                .bindArray("networkIds", String.class, spec.networkIds()).bind("flavorRef", spec.flavor())
                .bind("imageRef", spec.image()).bindArray("networkRefs", String.class, spec.networks())
                .bind("preemptible", spec.preemptible()).bind("placement", spec.placement())
                .bind("count", schedule.count()).bind("enabled", schedule.enabled())
                .bind("createdAt", schedule.createdAt()).bind("updatedAt", schedule.updatedAt())
                .bind("deletionRequestedAt", schedule.deletionRequestedAt());
        return switch (schedule.window()) {
            case RecurringWindow recurring -> statement
                    .bindArray("windowDays", String.class, EnumSet.copyOf(recurring.days()).stream()
                            .map(WindowRequest::dayName).toList())
                    .bind("windowStart", recurring.start().toString()).bind("windowEnd", recurring.end().toString())
                    .bind("windowTimeZone", recurring.timeZone().getId())
                    .bind("windowFrom", (java.time.Instant) null).bind("windowUntil", (java.time.Instant) null);
            case OneOffWindow oneOff -> statement.bindNull("windowDays", java.sql.Types.ARRAY)
                    .bind("windowStart", (String) null).bind("windowEnd", (String) null)
                    .bind("windowTimeZone", (String) null).bind("windowFrom", oneOff.from())
                    .bind("windowUntil", oneOff.until());
        };
    }

    private static ManagedServerSpec spec(ResultSet row) throws SQLException {
        return new ManagedServerSpec(row.getString("flavor_id"), row.getString("image_id"),
                strings(row.getArray("network_ids")), row.getString("flavor_ref"), row.getString("image_ref"),
                strings(row.getArray("network_refs")), row.getBoolean("preemptible"), UpdatePolicy.REPLACE,
                row.getString("placement"));
    }

    private static Window window(ResultSet row) throws SQLException {
        if (row.getString("window_start") == null) {
            return new OneOffWindow(Columns.instant(row, "window_from"), Columns.instant(row, "window_until"));
        }
        EnumSet<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String day : strings(row.getArray("window_days"))) {
            days.add(Arrays.stream(DayOfWeek.values())
                    .filter(candidate -> WindowRequest.dayName(candidate).equals(day.toLowerCase(Locale.ROOT)))
                    .findFirst().orElseThrow());
        }
        return new RecurringWindow(days, LocalTime.parse(row.getString("window_start")),
                LocalTime.parse(row.getString("window_end")), ZoneId.of(row.getString("window_time_zone")));
    }

    static List<String> strings(Array array) throws SQLException {
        return List.of((String[]) array.getArray());
    }
}
