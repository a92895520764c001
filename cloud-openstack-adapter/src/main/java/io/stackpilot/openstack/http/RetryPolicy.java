package io.stackpilot.openstack.http;

import java.time.Duration;

/**
 * How often an idempotent GET is tried when the cloud answers 502/503/504 or the connection fails, and how long to
 * wait between tries (doubling each time). Never applied to POST, PUT or DELETE.
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff) {
    /** Three tries, 200 ms then 400 ms apart: rides over a restarting API worker without hiding an outage. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofMillis(200));
    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO);

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        if (initialBackoff == null || initialBackoff.isNegative()) {
            throw new IllegalArgumentException("initialBackoff must not be negative");
        }
    }

    Duration backoffBefore(int attempt) {
        return initialBackoff.multipliedBy(1L << Math.min(attempt - 2, 10));
    }
}
