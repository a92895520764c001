package io.stackpilot.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WindowTest {
    private static final Set<DayOfWeek> WEEKDAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
    private static final LocalDate FIRST = LocalDate.of(2026, 1, 1);
    private static final Duration SECOND = Duration.ofSeconds(1);

    @ParameterizedTest
    @ValueSource(strings = {"Europe/Rome", "America/New_York", "Australia/Sydney", "Asia/Kolkata", "UTC",
            "America/Sao_Paulo"})
    void a_day_window_opens_and_closes_at_its_wall_clock_times_every_weekday_of_a_year(String zoneName) {
        ZoneId zone = ZoneId.of(zoneName);
        RecurringWindow window = new RecurringWindow(WEEKDAYS, LocalTime.of(8, 0), LocalTime.of(18, 0), zone);
        int opened = 0;
        for (LocalDate day = FIRST; day.getYear() == 2026; day = day.plusDays(1)) {
            Instant eight = ZonedDateTime.of(day, LocalTime.of(8, 0), zone).toInstant();
            Instant six = ZonedDateTime.of(day, LocalTime.of(18, 0), zone).toInstant();
            Optional<Interval> opening = window.openingOn(day);
            if (!WEEKDAYS.contains(day.getDayOfWeek())) {
                assertThat(opening).as("%s %s", zone, day).isEmpty();
                assertThat(window.openAt(eight.plus(Duration.ofHours(1)))).isEmpty();
                continue;
            }
            opened++;
            assertThat(opening).as("%s %s", zone, day).contains(new Interval(eight, six));
            // Clocks change at night, so 08:00-18:00 is ten hours on both sides of a change.
            assertThat(Duration.between(eight, six)).isEqualTo(Duration.ofHours(10));
            assertThat(window.openAt(eight.minus(SECOND))).isEmpty();
            assertThat(window.openAt(eight)).contains(new Interval(eight, six));
            assertThat(window.openAt(six.minus(SECOND))).contains(new Interval(eight, six));
            assertThat(window.openAt(six)).isEmpty();
            assertThat(window.upcoming(eight.minus(Duration.ofHours(3)))).contains(new Interval(eight, six));
        }
        assertThat(opened).isEqualTo(261);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Europe/Rome", "America/New_York", "Australia/Sydney", "Asia/Kolkata", "UTC"})
    void a_window_across_midnight_belongs_to_the_day_it_starts_on_every_night_of_a_year(String zoneName) {
        ZoneId zone = ZoneId.of(zoneName);
        RecurringWindow window = new RecurringWindow(RecurringWindow.everyDay(), LocalTime.of(22, 0),
                LocalTime.of(6, 0), zone);
        for (LocalDate day = FIRST; day.getYear() == 2026; day = day.plusDays(1)) {
            ZonedDateTime opens = ZonedDateTime.of(day, LocalTime.of(22, 0), zone);
            ZonedDateTime closes = ZonedDateTime.of(day.plusDays(1), LocalTime.of(6, 0), zone);
            Interval expected = new Interval(opens.toInstant(), closes.toInstant());
            assertThat(window.openingOn(day)).contains(expected);
            // Eight wall-clock hours; real time differs by the offset change of a DST night.
            Duration offsetChange = Duration.ofSeconds(closes.getOffset().getTotalSeconds()
                    - opens.getOffset().getTotalSeconds());
            assertThat(Duration.between(opens, closes)).isEqualTo(Duration.ofHours(8).minus(offsetChange));
            assertThat(window.openAt(opens.toInstant().minus(SECOND))).isEmpty();
            assertThat(window.openAt(opens.toInstant())).contains(expected);
            Instant afterMidnight = ZonedDateTime.of(day.plusDays(1), LocalTime.of(1, 0), zone).toInstant();
            assertThat(window.openAt(afterMidnight)).as("%s %s 01:00 next day", zone, day).contains(expected);
            assertThat(window.openAt(closes.toInstant())).isEmpty();
        }
    }

    @Test
    void both_daylight_saving_changes_in_rome_keep_the_wall_clock_times() {
        ZoneId rome = ZoneId.of("Europe/Rome");
        RecurringWindow night = new RecurringWindow(RecurringWindow.everyDay(), LocalTime.of(22, 0),
                LocalTime.of(6, 0), rome);
        // 2026-03-29 02:00 -> 03:00: seven real hours; 2026-10-25 03:00 -> 02:00: nine.
        assertThat(length(night.openingOn(LocalDate.of(2026, 3, 28)))).isEqualTo(Duration.ofHours(7));
        assertThat(length(night.openingOn(LocalDate.of(2026, 10, 24)))).isEqualTo(Duration.ofHours(9));
        RecurringWindow day = new RecurringWindow(RecurringWindow.everyDay(), LocalTime.of(8, 0),
                LocalTime.of(18, 0), rome);
        for (LocalDate change : List.of(LocalDate.of(2026, 3, 29), LocalDate.of(2026, 10, 25))) {
            for (LocalDate around : List.of(change.minusDays(1), change, change.plusDays(1))) {
                Interval opening = day.openingOn(around).orElseThrow();
                assertThat(LocalDateTime.ofInstant(opening.start(), rome)).isEqualTo(around.atTime(8, 0));
                assertThat(LocalDateTime.ofInstant(opening.end(), rome)).isEqualTo(around.atTime(18, 0));
                assertThat(length(Optional.of(opening))).isEqualTo(Duration.ofHours(10));
            }
        }
    }

    @Test
    void a_start_in_the_skipped_hour_moves_later_by_the_gap_and_one_in_the_repeated_hour_is_its_first() {
        ZoneId rome = ZoneId.of("Europe/Rome");
        RecurringWindow window = new RecurringWindow(RecurringWindow.everyDay(), LocalTime.of(2, 30),
                LocalTime.of(4, 0), rome);
        Interval spring = window.openingOn(LocalDate.of(2026, 3, 29)).orElseThrow();
        assertThat(spring.start()).isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
        assertThat(spring.end()).isEqualTo(Instant.parse("2026-03-29T02:00:00Z"));
        Interval autumn = window.openingOn(LocalDate.of(2026, 10, 25)).orElseThrow();
        assertThat(autumn.start()).isEqualTo(Instant.parse("2026-10-25T00:30:00Z"));
        assertThat(autumn.end()).isEqualTo(Instant.parse("2026-10-25T03:00:00Z"));
    }

    @Test
    void the_next_start_and_the_upcoming_opening_skip_closed_days() {
        ZoneId rome = ZoneId.of("Europe/Rome");
        RecurringWindow weekdays = new RecurringWindow(WEEKDAYS, LocalTime.of(8, 0), LocalTime.of(18, 0), rome);
        Instant fridayEvening = Instant.parse("2026-12-04T19:00:00Z");
        Interval monday = new Interval(Instant.parse("2026-12-07T07:00:00Z"), Instant.parse("2026-12-07T17:00:00Z"));
        assertThat(weekdays.upcoming(fridayEvening)).contains(monday);
        assertThat(weekdays.nextStartAfter(Instant.parse("2026-12-04T07:00:00Z")))
                .contains(new Interval(Instant.parse("2026-12-07T07:00:00Z"), monday.end()));
        RecurringWindow sundays = new RecurringWindow(Set.of(DayOfWeek.SUNDAY), LocalTime.of(23, 0),
                LocalTime.of(1, 0), rome);
        Instant mondayHalfPastMidnight = Instant.parse("2026-12-06T23:30:00Z");
        assertThat(sundays.openAt(mondayHalfPastMidnight)).isPresent();
        assertThat(sundays.nextStartAfter(mondayHalfPastMidnight).orElseThrow().start())
                .isEqualTo(Instant.parse("2026-12-13T22:00:00Z"));
    }

    @Test
    void a_one_off_window_is_open_from_its_start_until_its_end_and_never_again() {
        Instant from = Instant.parse("2026-12-01T18:00:00Z");
        Instant until = Instant.parse("2026-12-01T18:00:30Z");
        OneOffWindow window = new OneOffWindow(from, until);
        assertThat(window.openAt(from.minus(SECOND))).isEmpty();
        assertThat(window.upcoming(from.minus(SECOND))).contains(new Interval(from, until));
        assertThat(window.openAt(from)).contains(new Interval(from, until));
        assertThat(window.openAt(until.minus(SECOND))).contains(new Interval(from, until));
        assertThat(window.openAt(until)).isEmpty();
        assertThat(window.upcoming(until)).isEmpty();
        assertThat(window.nextStartAfter(from)).isEmpty();
        for (int day = 0; day < 365; day++) {
            assertThat(window.openAt(from.plus(Duration.ofDays(day + 1)))).isEmpty();
        }
    }

    private static Duration length(Optional<Interval> interval) {
        return Duration.between(interval.orElseThrow().start(), interval.orElseThrow().end());
    }
}
