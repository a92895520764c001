package io.stackpilot.core.managed;

import io.stackpilot.core.common.Location;
import io.stackpilot.core.location.LocationGateway;
import io.stackpilot.core.location.LocationService;
import io.stackpilot.core.location.LocationStatus;
import io.stackpilot.core.location.ProviderLocation;
import io.stackpilot.core.identity.Session;
import io.stackpilot.core.placement.Placement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Where the engine acts for a managed server: the owner's own cloud ({@code home}) through the service account
 * scoped to the owner's project, or a provider location through that location's service account (the VM's owner
 * recorded in its metadata). {@link #homeOnly} serves no placement. Thread-safe.
 */
public final class EngineLocations {
    private final ProjectSessions owners;
    private final LocationGateway locations;
    private final LocationService statuses;
    private final Location home;

    /** {@code statuses} answer the placement's limits (cached briefly); {@code home} is the identity cloud's location. */
    public EngineLocations(ProjectSessions owners, LocationGateway locations, LocationService statuses,
                           Location home) {
        this.owners = owners;
        this.locations = locations;
        this.statuses = statuses;
        this.home = home;
    }

    /** The owner's own cloud only: a spec with a placement fails (no locations are configured for the engine). */
    public static EngineLocations homeOnly(ProjectSessions owners) {
        return new EngineLocations(owners, null, null, null);
    }

    /** A session acting for {@code projectId} in {@code location} (null or home: the owner's own cloud). */
    Session open(String projectId, Location location) {
        if (location == null || location.equals(home) || locations == null) {
            return OwnerSession.open(owners, projectId);
        }
        return locations.serviceSession(location);
    }

    /** Whether {@code location} is the owner's own cloud (where preemption may make room). */
    boolean isHome(Location location) {
        return location == null || locations == null || location.equals(home);
    }

    /**
     * Whether the resource has a placement over locations; one stored before placement existed means the owner's own
     * cloud ({@link Placement#parseStored}).
     */
    boolean placed(ManagedServer resource) {
        return Placement.parseStored(resource.spec().placement(), configured()) != null;
    }

    /** The resource's placement; null when it has none. */
    Placement placement(ManagedServer resource) {
        return placed(resource) ? Placement.parse(resource.spec().placement(), configured()) : null;
    }

    /** The configured locations' availability and limits (briefly cached). */
    List<LocationStatus> statuses() {
        if (statuses == null) {
            throw new IllegalStateException("no locations are configured for the engine");
        }
        return statuses.list();
    }

    /**
     * Every location where the resource's VM may be: its own cloud without a placement, else each location its
     * placement allows (and the one its status names), so that a VM booted before a crash is found wherever it is.
     * The owner's own cloud is named null.
     */
    List<Location> searchIn(ManagedServer resource) {
        Placement placement = placement(resource);
        Set<Location> where = new LinkedHashSet<>();
        if (placement == null) {
            where.add(null);
        } else {
            placement.candidates(configured()).forEach(location -> where.add(orHome(location.location())));
        }
        Location current = resource.status().location();
        if (current != null) {
            where.add(orHome(current));
        }
        return new ArrayList<>(where);
    }

    /** null for the owner's own cloud (one name for it, so that it is listed once). */
    private Location orHome(Location location) {
        return isHome(location) ? null : location;
    }

    private List<ProviderLocation> configured() {
        return locations == null ? List.of() : locations.locations();
    }
}
