package io.stackpilot.core.schedule;

import io.stackpilot.core.common.Require;
import java.time.Instant;
import java.util.Optional;

/** A window that opens once, at {@code from}, and closes at {@code until}. */
public record OneOffWindow(Instant from, Instant until) implements Window {
    public OneOffWindow {
        Require.notNull(from, "from");
        Require.notNull(until, "until");
        if (!until.isAfter(from)) {
            throw new IllegalArgumentException("until must be after from");
        }
    }

    @Override
    public Optional<Interval> openAt(Instant now) {
        Interval only = new Interval(from, until);
        return only.contains(now) ? Optional.of(only) : Optional.empty();
    }

    @Override
    public Optional<Interval> upcoming(Instant now) {
        return now.isBefore(until) ? Optional.of(new Interval(from, until)) : Optional.empty();
    }

    @Override
    public Optional<Interval> nextStartAfter(Instant instant) {
        return from.isAfter(instant) ? Optional.of(new Interval(from, until)) : Optional.empty();
    }
}
