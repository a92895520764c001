package io.stackpilot.core.error;

/** The request clashes with the current state (e.g. an idempotency key reused with another body, or in use). */
public final class ConflictException extends StackpilotException {
    public ConflictException(String message) {
        this(message, null);
    }

    public ConflictException(String message, String upstreamRequestId) {
        super(message, upstreamRequestId, null);
    }
}
