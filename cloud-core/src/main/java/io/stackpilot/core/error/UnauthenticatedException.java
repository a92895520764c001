package io.stackpilot.core.error;

/** No credentials, or credentials or a token that the identity service rejects (bad, revoked, expired). */
public final class UnauthenticatedException extends StackpilotException {
    public UnauthenticatedException(String message) {
        this(message, null);
    }

    public UnauthenticatedException(String message, String upstreamRequestId) {
        super(message, upstreamRequestId, null);
    }
}
