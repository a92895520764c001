package io.stackpilot.openstack.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
    private static final Instant NOW = Instant.parse("2026-12-02T01:00:00Z");

    @Test
    void reads_delay_seconds_and_an_http_date_and_caps_both_at_an_hour() {
        assertThat(RetryAfter.parse("30", NOW)).isEqualTo(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse(" 0 ", NOW)).isEqualTo(Duration.ZERO);
        assertThat(RetryAfter.parse("Wed, 02 Dec 2026 01:00:45 GMT", NOW)).isEqualTo(Duration.ofSeconds(45));
        assertThat(RetryAfter.parse("Wed, 02 Dec 2026 00:59:00 GMT", NOW)).isEqualTo(Duration.ZERO);
        assertThat(RetryAfter.parse("86400", NOW)).isEqualTo(RetryAfter.MAX);
        assertThat(RetryAfter.parse("99999999999999999999", NOW)).isEqualTo(RetryAfter.MAX);
    }

    @Test
    void an_absent_or_unreadable_header_names_no_wait() {
        assertThat(RetryAfter.parse(null, NOW)).isNull();
        assertThat(RetryAfter.parse("", NOW)).isNull();
        assertThat(RetryAfter.parse("soon", NOW)).isNull();
        assertThat(RetryAfter.parse("-5", NOW)).isNull();
    }
}
