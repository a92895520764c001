package io.stackpilot.core.schedule;

import io.stackpilot.core.error.FieldProblem;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A window as the caller wrote it: recurring ({@code days}, {@code start}, {@code end}, {@code timeZone}) or one-off
 * ({@code from}, {@code until}, ISO-8601 instants). {@link #parse} reports every problem under {@code window.<field>}.
 */
public record WindowRequest(List<String> days, String start, String end, String timeZone, String from,
                            String until) {
    private static final Map<String, DayOfWeek> DAYS = Map.of("mon", DayOfWeek.MONDAY, "tue", DayOfWeek.TUESDAY,
            "wed", DayOfWeek.WEDNESDAY, "thu", DayOfWeek.THURSDAY, "fri", DayOfWeek.FRIDAY, "sat",
            DayOfWeek.SATURDAY, "sun", DayOfWeek.SUNDAY);

    public WindowRequest {
        days = days == null ? null : java.util.Collections.unmodifiableList(new ArrayList<>(days));
    }

    /** The wire name of a day ("mon" .. "sun"). */
    public static String dayName(DayOfWeek day) {
        return day.name().substring(0, 3).toLowerCase(Locale.ROOT);
    }

    /** The window, or empty with the problems added to {@code problems}. */
    public Optional<Window> parse(List<FieldProblem> problems) {
        boolean recurring = days != null || start != null || end != null || timeZone != null;
        boolean oneOff = from != null || until != null;
        if (recurring && oneOff) {
            problems.add(new FieldProblem("window", "is either recurring (days, start, end, time_zone) or one-off "
                    + "(from, until), not both"));
            return Optional.empty();
        }
        return oneOff ? parseOneOff(problems) : parseRecurring(problems);
    }

    private Optional<Window> parseOneOff(List<FieldProblem> problems) {
        Instant opens = instant(problems, "window.from", from);
        Instant closes = instant(problems, "window.until", until);
        if (opens == null || closes == null) {
            return Optional.empty();
        }
        if (!closes.isAfter(opens)) {
            problems.add(new FieldProblem("window.from", "must be before window.until"));
            return Optional.empty();
        }
        return Optional.of(new OneOffWindow(opens, closes));
    }

    private Optional<Window> parseRecurring(List<FieldProblem> problems) {
        int before = problems.size();
        EnumSet<DayOfWeek> parsedDays = EnumSet.noneOf(DayOfWeek.class);
        if (days == null) {
            parsedDays = EnumSet.allOf(DayOfWeek.class);
        } else if (days.isEmpty()) {
            problems.add(new FieldProblem("window.days", "needs at least one day (omit it for every day)"));
        } else {
            for (String day : days) {
                DayOfWeek parsed = day == null ? null : DAYS.get(day.toLowerCase(Locale.ROOT));
                if (parsed == null) {
                    problems.add(new FieldProblem("window.days", "\"" + day + "\" is not one of mon, tue, wed, "
                            + "thu, fri, sat, sun"));
                } else {
                    parsedDays.add(parsed);
                }
            }
        }
        LocalTime opens = time(problems, "window.start", start);
        LocalTime closes = time(problems, "window.end", end);
        if (opens != null && opens.equals(closes)) {
            problems.add(new FieldProblem("window.end", "must differ from window.start"));
        }
        ZoneId zone = null;
        if (timeZone == null || timeZone.isBlank()) {
            problems.add(new FieldProblem("window.time_zone", "is required (an IANA zone such as Europe/Rome)"));
        } else {
            try {
                zone = ZoneId.of(timeZone);
            } catch (DateTimeException unknown) {
                problems.add(new FieldProblem("window.time_zone", "unknown time zone \"" + timeZone
                        + "\" (an IANA zone such as Europe/Rome)"));
            }
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new RecurringWindow(parsedDays, opens, closes, zone));
    }

    private static LocalTime time(List<FieldProblem> problems, String field, String value) {
        if (value == null || value.isBlank()) {
            problems.add(new FieldProblem(field, "is required (HH:MM or HH:MM:SS)"));
            return null;
        }
        try {
            if (!value.matches("\\d\\d:\\d\\d(:\\d\\d)?")) {
                throw new DateTimeParseException("not HH:MM[:SS]", value, 0);
            }
            return LocalTime.parse(value);
        } catch (DateTimeParseException invalid) {
            problems.add(new FieldProblem(field, "\"" + value + "\" is not a time of day HH:MM or HH:MM:SS"));
            return null;
        }
    }

    private static Instant instant(List<FieldProblem> problems, String field, String value) {
        if (value == null || value.isBlank()) {
            problems.add(new FieldProblem(field, "is required (an ISO-8601 instant such as 2026-12-01T18:00:00Z)"));
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException invalid) {
            problems.add(new FieldProblem(field, "\"" + value + "\" is not an ISO-8601 instant with an offset, "
                    + "such as 2026-12-01T18:00:00Z"));
            return null;
        }
    }
}
