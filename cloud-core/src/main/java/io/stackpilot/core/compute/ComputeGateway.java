package io.stackpilot.core.compute;

import io.stackpilot.core.common.Page;
import io.stackpilot.core.identity.Session;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A cloud's compute service (Nova implements it). Thread-safe; every call is scoped by an explicit session, whose
 * token the cloud sees, so the cloud's own policy applies. Failures are {@link io.stackpilot.core.error}
 * exceptions; upstream faults are {@link io.stackpilot.core.error.UpstreamException}s.
 */
public interface ComputeGateway {

    /** Flavors the session's project may use. Idempotent. */
    List<Flavor> listFlavors(Session session);

    /**
     * The flavor with this id, if the session's project can see it (used to name a server's flavor that the cached
     * flavor list lacks). Idempotent. This default lists the flavors; an adapter overrides it with one GET of the id.
     */
    default Optional<Flavor> findFlavor(Session session, String id) {
        return listFlavors(session).stream().filter(flavor -> flavor.id().equals(id)).findFirst();
    }

    /** Servers matching the query; see {@link ServerQuery} for paging. Idempotent. */
    Page<Server> listServers(Session session, ServerQuery query);

    /** Empty when the server does not exist or is not visible to the session's project. Idempotent. */
    Optional<Server> findServer(Session session, ServerId id);

    /**
     * Starts an asynchronous boot; the returned server is usually in status BUILD. Not idempotent and never
     * retried. Unknown flavor/image/network give {@code InvalidRequestException}; quota gives
     * {@code QuotaExceededException}.
     */
    Server boot(Session session, BootRequest request);

    /**
     * Asks the cloud to delete the server; deletion completes asynchronously.
     *
     * @throws io.stackpilot.core.error.NotFoundException when the server does not exist or is not visible
     */
    void delete(Session session, ServerId id);

    /** The session project's absolute limits and current use. Idempotent. */
    ComputeLimits limits(Session session);

    /** Every project's server lifetimes overlapping [start, end) (needs an admin session). Idempotent. */
    List<ServerUsage> usage(Session session, Instant start, Instant end);
}
