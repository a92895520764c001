package io.stackpilot.server.config;

import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads typed values from environment variables, collecting every problem instead of stopping at the first.
 * Values are never echoed into problems (a misplaced secret must not reach a log); only names and expectations.
 */
final class EnvReader {
    private final Map<String, String> env;
    private final List<String> problems;

    EnvReader(Map<String, String> env, List<String> problems) {
        this.env = env;
        this.problems = problems;
    }

    String text(String name, String fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    int integer(String name, int fallback, int min, int max) {
        return parse(name, fallback, value -> {
            int number = Integer.parseInt(value);
            if (number < min || number > max) {
                throw new IllegalArgumentException();
            }
            return number;
        }, "an integer from " + min + " to " + max);
    }

    boolean bool(String name, boolean fallback) {
        return parse(name, fallback, value -> switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new IllegalArgumentException();
        }, "true or false");
    }

    /** ISO-8601 duration, e.g. PT60S; a day-based period like P90D is accepted too. */
    Duration duration(String name, Duration fallback) {
        return parse(name, fallback, EnvReader::parseDuration, "an ISO-8601 duration such as PT60S or P90D, above zero");
    }

    /** As {@link #duration}, or {@code 0} (also {@code PT0S}) for "off": {@link Duration#ZERO}. */
    Duration durationOrZero(String name, Duration fallback) {
        return parse(name, fallback, value -> value.equals("0") || isZero(value) ? Duration.ZERO
                : parseDuration(value), "0 (off) or an ISO-8601 duration such as PT30S");
    }

    private static boolean isZero(String value) {
        try {
            return Duration.parse(value).isZero();
        } catch (DateTimeParseException notADuration) {
            return false;
        }
    }

    List<String> list(String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    LoginRateLimit loginRateLimit(String name, LoginRateLimit fallback) {
        return parse(name, fallback, LoginRateLimit::parse, "off or a rate such as 10/min,burst=5 (units s, min, h)");
    }

    private <T> T parse(String name, T fallback, Function<String, T> parser, String expected) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return parser.apply(value.trim());
        } catch (RuntimeException invalid) {
            problems.add(name + " must be " + expected);
            return fallback;
        }
    }

    private static Duration parseDuration(String value) {
        Duration duration;
        try {
            duration = Duration.parse(value);
        } catch (DateTimeParseException notADuration) {
            Period period = Period.parse(value);
            if (period.getYears() != 0 || period.getMonths() != 0) {
                throw new IllegalArgumentException("months and years have no fixed length");
            }
            duration = Duration.ofDays(period.getDays());
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("must be positive");
        }
        return duration;
    }
}
