package io.stackpilot.core.error;

/** The cloud refused because a quota or rate limit would be exceeded (Nova's {@code overLimit} and the like). */
public final class QuotaExceededException extends StackpilotException {
    public QuotaExceededException(String message, String upstreamRequestId) {
        super(message, upstreamRequestId, null);
    }
}
