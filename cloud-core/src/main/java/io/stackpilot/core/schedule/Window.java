package io.stackpilot.core.schedule;

import java.time.Instant;
import java.util.Optional;

/**
 * When a schedule wants its servers: a recurring window of wall-clock times in a time zone, or one interval of
 * instants. Pure arithmetic over {@code java.time}; the caller passes the instant (the injected clock's), so the
 * answer never depends on when or how often it is asked.
 */
public sealed interface Window permits RecurringWindow, OneOffWindow {

    /** The opening that contains {@code now}, if the window is open then. */
    Optional<Interval> openAt(Instant now);

    /** The first opening that ends after {@code now}: the one open at {@code now}, else the next to start. */
    Optional<Interval> upcoming(Instant now);

    /** The first opening that starts after {@code instant}. */
    Optional<Interval> nextStartAfter(Instant instant);
}
