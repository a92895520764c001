package io.stackpilot.core.error;

/** A fault of the cloud behind us, not of the caller: unreachable, too slow, or answering with an error. */
public abstract sealed class UpstreamException extends StackpilotException
        permits UpstreamUnavailableException, UpstreamTimeoutException, UpstreamFailureException {

    private final String service;

    protected UpstreamException(String service, String message, String upstreamRequestId, Throwable cause) {
        super(message, upstreamRequestId, cause);
        this.service = service;
    }

    /** The OpenStack service type that failed: identity, compute, image, network. */
    public String service() {
        return service;
    }
}
