package io.stackpilot.core.error;

/** The cloud service did not answer within the configured timeout. */
public final class UpstreamTimeoutException extends UpstreamException {
    public UpstreamTimeoutException(String service, String message, String upstreamRequestId, Throwable cause) {
        super(service, message, upstreamRequestId, cause);
    }
}
