package io.stackpilot.core.schedule;

import io.stackpilot.core.common.Require;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * A window open on the given days from {@code start} to {@code end}, wall-clock times in {@code timeZone}. An
 * {@code end} before {@code start} crosses midnight: the opening belongs to the day it starts on. Each opening is
 * computed with {@link ZonedDateTime#of}, so a daylight-saving change keeps the wall-clock times (a 08:00-18:00
 * window is 08:00 to 18:00 local on both sides of it); a start inside a skipped hour moves later by the gap, and
 * one inside a repeated hour is its first occurrence, as {@code ZonedDateTime} resolves them.
 */
public record RecurringWindow(Set<DayOfWeek> days, LocalTime start, LocalTime end, ZoneId timeZone)
        implements Window {
    /** How far the search for an opening looks: one week plus the day before (an opening across midnight). */
    private static final int DAYS_SEARCHED = 9;

    public RecurringWindow {
        Require.notNull(days, "days");
        if (days.isEmpty()) {
            throw new IllegalArgumentException("a recurring window needs at least one day");
        }
        days = Set.copyOf(EnumSet.copyOf(days));
        Require.notNull(start, "start");
        Require.notNull(end, "end");
        Require.notNull(timeZone, "timeZone");
        if (start.equals(end)) {
            throw new IllegalArgumentException("start and end must differ");
        }
    }

    /** Every day of the week. */
    public static Set<DayOfWeek> everyDay() {
        return EnumSet.allOf(DayOfWeek.class);
    }

    /** The opening that starts on {@code day}, or empty when the window is closed on that day. */
    public Optional<Interval> openingOn(LocalDate day) {
        if (!days.contains(day.getDayOfWeek())) {
            return Optional.empty();
        }
        ZonedDateTime opens = ZonedDateTime.of(day, start, timeZone);
        ZonedDateTime closes = ZonedDateTime.of(end.isAfter(start) ? day : day.plusDays(1), end, timeZone);
        if (!closes.isAfter(opens)) {
            // Only a window of minutes inside a skipped hour gets here; on that day it does not open.
            return Optional.empty();
        }
        return Optional.of(new Interval(opens.toInstant(), closes.toInstant()));
    }

    @Override
    public Optional<Interval> openAt(Instant now) {
        return upcoming(now).filter(opening -> opening.contains(now));
    }

    @Override
    public Optional<Interval> upcoming(Instant now) {
        LocalDate today = now.atZone(timeZone).toLocalDate();
        for (int offset = -1; offset < DAYS_SEARCHED; offset++) {
            Optional<Interval> opening = openingOn(today.plusDays(offset));
            if (opening.isPresent() && opening.get().end().isAfter(now)) {
                return opening;
            }
        }
        return Optional.empty();
    }

    @Override
    public Optional<Interval> nextStartAfter(Instant instant) {
        LocalDate today = instant.atZone(timeZone).toLocalDate();
        for (int offset = -1; offset < DAYS_SEARCHED; offset++) {
            Optional<Interval> opening = openingOn(today.plusDays(offset));
            if (opening.isPresent() && opening.get().start().isAfter(instant)) {
                return opening;
            }
        }
        return Optional.empty();
    }
}
