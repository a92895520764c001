package io.stackpilot.core.location;

import io.stackpilot.core.common.Location;
import io.stackpilot.core.compute.ComputeGateway;
import io.stackpilot.core.compute.ProviderLookup;
import io.stackpilot.core.compute.Server;
import io.stackpilot.core.compute.ServerId;
import io.stackpilot.core.error.NotFoundException;
import io.stackpilot.core.error.StackpilotException;
import io.stackpilot.core.identity.Session;
import java.util.Optional;

/**
 * Finds a caller's VM in the provider locations (every configured location but the caller's own cloud), through
 * each location's service account; a VM there is the caller's only when {@link Ownership#ownedBy} says so. A
 * location that fails is skipped, and its failure is thrown only when no location had the VM (a 503, not a false
 * 404). Thread-safe.
 */
public final class ProviderServers implements ProviderLookup {
    private final ComputeGateway compute;
    private final LocationGateway locations;
    private final Location home;

    /** Looks in every location of {@code locations} but {@code home} (the caller's own cloud). */
    public ProviderServers(ComputeGateway compute, LocationGateway locations, Location home) {
        this.compute = compute;
        this.locations = locations;
        this.home = home;
    }

    @Override
    public Optional<Found> find(String projectId, ServerId id) {
        StackpilotException failed = null;
        for (ProviderLocation location : locations.locations()) {
            if (location.location().equals(home)) {
                continue;
            }
            try {
                Session service = locations.serviceSession(location.location());
                Optional<Server> owned = compute.findServer(service, id)
                        .filter(server -> Ownership.ownedBy(server, projectId, service));
                if (owned.isPresent()) {
                    return Optional.of(new Found(owned.get(), service));
                }
            } catch (NotFoundException notThere) {
                // not in this location
            } catch (StackpilotException down) {
                failed = down;
            }
        }
        if (failed != null) {
            throw failed;
        }
        return Optional.empty();
    }
}
