package io.stackpilot.core.error;

import java.time.Duration;
import java.util.Optional;

/**
 * The cloud service could not be reached (connection refused, DNS), or it answered that it cannot serve now: 503, or
 * 429 for a rate limit (not a quota). The last two are the cloud asking us to slow down ({@link #slowDown()}), with
 * the wait it named in {@code Retry-After} when it gave one.
 */
public final class UpstreamUnavailableException extends UpstreamException {
    private final boolean slowDown;
    private final Duration retryAfter;

    public UpstreamUnavailableException(String service, String message, String upstreamRequestId, Throwable cause) {
        this(service, message, upstreamRequestId, cause, false, null);
    }

    /**
     * @param slowDown   true when the service answered 429 or 503
     * @param retryAfter the wait its {@code Retry-After} header named, or null
     */
    public UpstreamUnavailableException(String service, String message, String upstreamRequestId, Throwable cause,
                                        boolean slowDown, Duration retryAfter) {
        super(service, message, upstreamRequestId, cause);
        this.slowDown = slowDown;
        this.retryAfter = retryAfter;
    }

    /** True when the service answered (429 or 503) that it cannot serve now, rather than not answering at all. */
    public boolean slowDown() {
        return slowDown;
    }

    /** The wait the service asked for ({@code Retry-After}), if it named one. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
