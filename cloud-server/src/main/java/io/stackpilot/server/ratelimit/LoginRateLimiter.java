package io.stackpilot.server.ratelimit;

import io.stackpilot.server.config.LoginRateLimit;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per source address for the login: each source holds up to {@code burst} logins, refilled at
 * {@code logins} per {@code per}. It slows password guessing and keeps one client from making us call Keystone
 * without bound. The key is the TCP peer address, not {@code X-Forwarded-For}, which any client can write; behind
 * a proxy that hides the client every caller shares the proxy's bucket, so set a larger limit there. At most
 * {@code maxSources} buckets are kept: when full, refilled buckets (indistinguishable from new ones) go first, then
 * arbitrary ones, so memory stays bounded when addresses are many. Thread-safe; time from the injected clock.
 */
public final class LoginRateLimiter {
    /** Sources tracked by the daemon: a bucket is a few dozen bytes, so this bounds the limiter to about 1 MB. */
    public static final int MAX_SOURCES = 10_000;

    /** {@code credit}: time saved up, in nanoseconds; one login costs {@code nanosPerLogin} (exact integer sums). */
    private record Bucket(long credit, long atNanos) {
    }

    private final LoginRateLimit limit;
    private final Clock clock;
    private final int maxSources;
    private final long nanosPerLogin;
    private final long capacity;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public LoginRateLimiter(LoginRateLimit limit, Clock clock, int maxSources) {
        if (maxSources < 1) {
            throw new IllegalArgumentException("maxSources must be at least 1");
        }
        this.limit = limit;
        this.clock = clock;
        this.maxSources = maxSources;
        this.nanosPerLogin = limit.enabled() ? limit.per().toNanos() / limit.logins() : 0;
        this.capacity = nanosPerLogin * limit.burst();
    }

    /**
     * Takes one login from the source's bucket.
     *
     * @return empty when the login may go ahead, else how long until the source has a login again
     */
    public Optional<Duration> tryAcquire(String source) {
        if (!limit.enabled()) {
            return Optional.empty();
        }
        long now = nowNanos();
        Duration[] wait = new Duration[1];
        buckets.compute(source, (key, bucket) -> {
            long credit = bucket == null ? capacity : refilled(bucket, now);
            if (credit >= nanosPerLogin) {
                return new Bucket(credit - nanosPerLogin, now);
            }
            wait[0] = Duration.ofNanos(nanosPerLogin - credit);
            return new Bucket(credit, now);
        });
        evictIfFull(now);
        return Optional.ofNullable(wait[0]);
    }

    /** Sources with a bucket now (for tests and metrics). */
    public int sources() {
        return buckets.size();
    }

    private long refilled(Bucket bucket, long now) {
        return Math.min(capacity, bucket.credit() + Math.max(0, now - bucket.atNanos()));
    }

    private void evictIfFull(long now) {
        if (buckets.size() <= maxSources) {
            return;
        }
        buckets.values().removeIf(bucket -> refilled(bucket, now) >= capacity);
        var keys = buckets.keySet().iterator();
        while (buckets.size() > maxSources && keys.hasNext()) {
            keys.next();
            keys.remove();
        }
    }

    private long nowNanos() {
        var instant = clock.instant();
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
