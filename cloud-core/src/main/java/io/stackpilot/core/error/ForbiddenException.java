package io.stackpilot.core.error;

/** The caller is known but may not do this: project outside the allowlist, missing role, or OpenStack policy. */
public final class ForbiddenException extends StackpilotException {
    public ForbiddenException(String message) {
        this(message, null);
    }

    public ForbiddenException(String message, String upstreamRequestId) {
        super(message, upstreamRequestId, null);
    }
}
