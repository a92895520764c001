package io.stackpilot.core.compute;

import io.stackpilot.core.identity.Session;

/**
 * A cloud's server actions and console (Nova implements it). Every call goes with the session's token, so the
 * cloud's policy applies; ownership is the caller's check ({@link ServerControlService} does it). Thread-safe.
 */
public interface ServerControlGateway {

    /**
     * Asks the cloud to carry the action out; it completes asynchronously (the server's status shows progress).
     * Not retried.
     *
     * @throws io.stackpilot.core.error.ConflictException when the server's state does not allow the action now
     *     (e.g. a start of a server that is not SHUTOFF, a resize while it is building)
     * @throws io.stackpilot.core.error.InvalidRequestException when the cloud refuses the action's arguments
     * @throws io.stackpilot.core.error.NotFoundException when the server does not exist or is not visible
     */
    void act(Session session, ServerId id, ServerAction action);

    /**
     * The last {@code lines} lines of the server's console log, or all of it when {@code lines} is null. Idempotent.
     *
     * @throws io.stackpilot.core.error.ConflictException when the cloud cannot give a log in the server's state
     * @throws io.stackpilot.core.error.NotFoundException when the server does not exist or is not visible
     */
    String consoleLog(Session session, ServerId id, Integer lines);
}
