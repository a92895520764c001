package io.stackpilot.core.compute;

import io.stackpilot.core.identity.Session;
import java.util.Optional;

/**
 * Finds a caller's VM outside the caller's own cloud: in the provider locations where the engine placed it, through
 * each location's service account ({@code io.stackpilot.core.location.ProviderServers} implements it). Thread-safe.
 */
public interface ProviderLookup {
    /** None: the caller's own cloud only. */
    ProviderLookup NONE = (projectId, id) -> Optional.empty();

    /** A VM and the service session of its location, for acting on it there. */
    record Found(Server server, Session session) {
    }

    /**
     * The VM with this id that belongs to {@code projectId} in a provider location; empty when none has it.
     *
     * @throws io.stackpilot.core.error.UpstreamException when a location failed and no other had the VM
     */
    Optional<Found> find(String projectId, ServerId id);
}
