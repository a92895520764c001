package io.stackpilot.core.error;

/** The cloud service could not be reached (connection refused, DNS, 503) after any retries. */
public final class UpstreamUnavailableException extends UpstreamException {
    public UpstreamUnavailableException(String service, String message, String upstreamRequestId, Throwable cause) {
        super(service, message, upstreamRequestId, cause);
    }
}
