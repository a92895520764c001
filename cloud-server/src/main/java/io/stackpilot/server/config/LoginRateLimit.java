package io.stackpilot.server.config;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How many logins one source address may start: {@code logins} per {@code per}, with bursts of up to {@code burst}
 * ({@code STACKPILOT_LOGIN_RATE_LIMIT}, e.g. {@code 10/min,burst=5}; {@code off} disables the limit).
 */
public record LoginRateLimit(int logins, Duration per, int burst) {
    public static final LoginRateLimit DEFAULT = new LoginRateLimit(10, Duration.ofMinutes(1), 5);
    public static final LoginRateLimit OFF = new LoginRateLimit(0, Duration.ofMinutes(1), 0);
    private static final Pattern FORMAT = Pattern.compile("(\\d{1,6})/(s|min|h)(?:,\\s*burst=(\\d{1,6}))?");

    public LoginRateLimit {
        if (logins < 0 || burst < 0 || per.isNegative() || per.isZero() || (logins == 0) != (burst == 0)) {
            throw new IllegalArgumentException("a login rate limit needs logins and burst both above zero, or off");
        }
    }

    public boolean enabled() {
        return logins > 0;
    }

    /** @throws IllegalArgumentException when the text is neither {@code off} nor {@code <n>/<s|min|h>[,burst=<b>]} */
    public static LoginRateLimit parse(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (value.equals("off")) {
            return OFF;
        }
        Matcher matcher = FORMAT.matcher(value);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a rate");
        }
        int logins = Integer.parseInt(matcher.group(1));
        Duration per = switch (matcher.group(2)) {
            case "s" -> Duration.ofSeconds(1);
            case "min" -> Duration.ofMinutes(1);
            default -> Duration.ofHours(1);
        };
        int burst = matcher.group(3) == null ? Math.max(1, Math.min(logins, DEFAULT.burst()))
                : Integer.parseInt(matcher.group(3));
        return new LoginRateLimit(logins, per, burst);
    }
}
