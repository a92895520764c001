package io.stackpilot.core.error;

/**
 * The cloud had no host with room for the server, and preemption could not make room (too few preemptible servers,
 * or the create was preemptible itself). Nothing was evicted; the message says what was computed.
 */
public final class InsufficientCapacityException extends StackpilotException {
    public InsufficientCapacityException(String message) {
        super(message, null, null);
    }
}
