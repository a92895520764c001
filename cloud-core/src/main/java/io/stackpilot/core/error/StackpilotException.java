package io.stackpilot.core.error;

import java.util.Optional;

/**
 * The one family of errors that core, adapters and the server share. The server maps each kind to an HTTP status
 * with an exhaustive switch, and the CLI to an exit code, so a new kind does not compile until both know it.
 * Messages are meant for the caller and never contain secrets.
 */
public abstract sealed class StackpilotException extends RuntimeException
        permits NotFoundException, InvalidRequestException, UnauthenticatedException, ForbiddenException,
        ConflictException, QuotaExceededException, InsufficientCapacityException, UpstreamException {

    private final String upstreamRequestId;

    protected StackpilotException(String message, String upstreamRequestId, Throwable cause) {
        super(message, cause);
        this.upstreamRequestId = upstreamRequestId;
    }

    /** The OpenStack request id ({@code x-openstack-request-id}) of the call that failed, when there was one. */
    public Optional<String> upstreamRequestId() {
        return Optional.ofNullable(upstreamRequestId);
    }
}
