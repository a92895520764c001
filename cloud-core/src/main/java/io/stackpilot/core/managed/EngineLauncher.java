package io.stackpilot.core.managed;

import io.stackpilot.core.compute.BootRequest;
import io.stackpilot.core.compute.ComputeGateway;
import io.stackpilot.core.compute.Server;
import io.stackpilot.core.error.NotFoundException;
import io.stackpilot.core.identity.Session;

/**
 * How the engine boots a managed server's VM. {@link #plain} only boots; the daemon passes the preemption policy's
 * ({@code PreemptionService.forEngine()}), so that a standard managed server that has no room evicts preemptible
 * servers exactly as {@code POST /api/v1/servers} does (issue 16). Neither waits for the VM to be scheduled: the
 * engine observes it on its next pass. Implementations are thread-safe.
 */
public interface EngineLauncher {
    /** Boots the VM (usually in BUILD); may first evict preemptible servers when the project's quota has no room. */
    Server launch(Session session, BootRequest request);

    /**
     * Boots the VM again in place of {@code failed}, which went to ERROR because no host had room ("No valid host
     * was found"); {@code failed} is deleted here either way. May first evict preemptible servers to make room.
     */
    Server relaunch(Session session, BootRequest request, Server failed);

    /** Boots, and boots again after deleting a failed VM; never evicts anything. */
    static EngineLauncher plain(ComputeGateway compute) {
        return new EngineLauncher() {
            @Override
            public Server launch(Session session, BootRequest request) {
                return compute.boot(session, request);
            }

            @Override
            public Server relaunch(Session session, BootRequest request, Server failed) {
                try {
                    compute.delete(session, failed.id());
                } catch (NotFoundException alreadyGone) {
                    // what we wanted
                }
                return compute.boot(session, request);
            }
        };
    }
}
