package io.stackpilot.core.managed;

import io.stackpilot.core.common.Location;
import io.stackpilot.core.compute.ComputeGateway;
import io.stackpilot.core.image.ImageGateway;
import io.stackpilot.core.network.NetworkGateway;
import io.stackpilot.core.location.LocationGateway;
import io.stackpilot.core.location.LocationService;
import io.stackpilot.core.location.LocationStatus;
import io.stackpilot.core.location.ProviderLocation;
import io.stackpilot.core.identity.Session;
import io.stackpilot.core.placement.Placement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
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
    private final SpecInLocation catalogs;
    private final LocationClaims claims;

    /** {@code statuses} answer the placement's limits (cached briefly); {@code home} is the identity cloud's location. */
    public EngineLocations(ProjectSessions owners, LocationGateway locations, LocationService statuses,
                           Location home) {
        this(owners, locations, statuses, home, null, new LocationClaims());
    }

    private EngineLocations(ProjectSessions owners, LocationGateway locations, LocationService statuses,
                            Location home, SpecInLocation catalogs, LocationClaims claims) {
        this.owners = owners;
        this.locations = locations;
        this.statuses = statuses;
        this.home = home;
        this.catalogs = catalogs;
        this.claims = claims;
    }

    /**
     * These locations, booting in a provider location with the flavor, image and networks of that location, looked
     * up there by the names the caller wrote (see {@link SpecInLocation}); without it the home ids are used
     * everywhere.
     */
    public EngineLocations resolvingIn(ComputeGateway compute, ImageGateway images, NetworkGateway networks) {
        return new EngineLocations(owners, locations, statuses, home, new SpecInLocation(compute, images, networks),
                claims);
    }

    /**
     * The resource's spec with the ids of {@code location} (null or home: the spec as resolved at apply time), or
     * why it cannot boot there.
     */
    SpecInLocation.Resolved specIn(ManagedServer resource, Location location, Session session) {
        if (isHome(location) || catalogs == null) {
            return new SpecInLocation.Resolved(resource.spec(), null);
        }
        return catalogs.resolve(session, resource.spec());
    }

    /** How users name {@code location}: {@code cloud/region}; null stands for the owner's own cloud. */
    String nameOf(Location location) {
        Location named = location == null ? home : location;
        return named == null ? "home" : named.cloud() + "/" + named.region();
    }

    /**
     * Whether a VM of the resource that found no host moves on to another location: only with a placement over
     * more than one location (with one, the engine boots it again in place, where preemption may make room).
     */
    boolean spillsOnNoHost(ManagedServer resource) {
        Placement placement = placement(resource);
        return placement != null && placement.candidates(configured()).size() > 1;
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

    /**
     * The configured locations' availability and limits (briefly cached), with the engine's own creates that the
     * limits do not show yet counted in their use ({@link LocationClaims}).
     */
    List<LocationStatus> statuses() {
        if (statuses == null) {
            throw new IllegalStateException("no locations are configured for the engine");
        }
        return claims.counting(statuses.list());
    }

    /**
     * Room for one server of {@code vcpus} cores and {@code ramMb} MB in {@code location}, by its limits as last checked
     * and the engine's creates that check does not show yet: a claim, or why there is no room.
     */
    LocationClaims.Attempt claim(ProviderLocation location, int vcpus, int ramMb) {
        LocationStatus checked = statuses.list().stream().filter(status -> status.location().equals(location))
                .findFirst().orElseThrow(() -> new IllegalStateException("no status of " + location.name()));
        return claims.claim(checked, vcpus, ramMb);
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
