package io.stackpilot.core.error;

/** The cloud service answered, but with a server error or a body that cannot be understood. */
public final class UpstreamFailureException extends UpstreamException {
    public UpstreamFailureException(String service, String message, String upstreamRequestId, Throwable cause) {
        super(service, message, upstreamRequestId, cause);
    }
}
