package io.stackpilot.openstack.http;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** The HTTP {@code Retry-After} header (RFC 9110 10.2.3): delay seconds or an HTTP date. Stateless. */
final class RetryAfter {
    /** A cloud that names a longer wait is still asked again after this much (a wrong header must not stop work). */
    static final Duration MAX = Duration.ofHours(1);

    private RetryAfter() {
    }

    /** The wait the header names from {@code now}, capped at {@link #MAX}; null when absent or unreadable. */
    static Duration parse(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.trim();
        Duration wait;
        if (value.chars().allMatch(Character::isDigit)) {
            wait = value.length() > 9 ? MAX : Duration.ofSeconds(Long.parseLong(value));
        } else {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                wait = at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
            } catch (DateTimeParseException unreadable) {
                return null;
            }
        }
        return wait.compareTo(MAX) > 0 ? MAX : wait;
    }
}
