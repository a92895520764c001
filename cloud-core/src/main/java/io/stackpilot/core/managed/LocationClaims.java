package io.stackpilot.core.managed;

import io.stackpilot.core.common.Location;
import io.stackpilot.core.compute.ComputeLimits;
import io.stackpilot.core.location.LocationStatus;
import io.stackpilot.core.placement.PlacementPlan;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The engine's own creates in each provider location, counted against that location's limits as last checked
 * ({@link io.stackpilot.core.location.LocationService}, cached briefly). Without them, servers placed at the same
 * moment all see the same free room and all try the same location; Nova's quota recheck then refuses the extra ones
 * ("already used 4 of 3"), which spill on only after a wasted create. A create is counted while it is in flight and
 * until a check made after the moment it returned; then the cloud's own count decides (Nova may count the VM
 * a little later, when its cell has it: for that moment it is counted too little, as without claims). A create that
 * failed is not counted. Only a check made while a create is in flight may count it twice, until it returns.
 * Thread-safe.
 */
final class LocationClaims {
    private final Map<Location, List<Claim>> claims = new HashMap<>(); // guarded by this

    /** {@code statuses} with the creates not yet in their limits added to their use. */
    synchronized List<LocationStatus> counting(List<LocationStatus> statuses) {
        return statuses.stream().map(this::counted).toList();
    }

    /**
     * Claims room for one server of {@code vcpus} cores and {@code ramMb} MB in the location of {@code status}:
     * empty, with nothing claimed, when the location's limits and the creates counted against them leave no room;
     * else a claim the caller settles with {@link Claim#booted} or {@link Claim#failed}. An unavailable status
     * claims without a check (the cloud decides).
     */
    synchronized Optional<Claim> claim(LocationStatus status, int vcpus, int ramMb) {
        LocationStatus counted = counted(status);
        if (counted.available() && PlacementPlan.noRoom(counted.limits(), vcpus, ramMb) != null) {
            return Optional.empty();
        }
        Claim claim = new Claim(status.location().location(), vcpus, ramMb);
        claims.computeIfAbsent(claim.location, key -> new ArrayList<>()).add(claim);
        return Optional.of(claim);
    }

    /** Why one more such server does not fit {@code status} with the creates counted; {@code "room"} when it does. */
    synchronized String noRoom(LocationStatus status, int vcpus, int ramMb) {
        LocationStatus counted = counted(status);
        String noRoom = counted.available() ? PlacementPlan.noRoom(counted.limits(), vcpus, ramMb) : null;
        return noRoom == null ? "room" : noRoom;
    }

    /** Creates counted against {@code status}'s limits, pruning those it already shows. Caller holds the lock. */
    private LocationStatus counted(LocationStatus status) {
        List<Claim> open = claims.get(status.location().location());
        if (open == null || !status.available()) {
            return status;
        }
        open.removeIf(claim -> claim.returnedAt != null && status.checkedAt().isAfter(claim.returnedAt));
        if (open.isEmpty()) {
            claims.remove(status.location().location());
            return status;
        }
        ComputeLimits limits = status.limits();
        int cores = open.stream().mapToInt(claim -> claim.vcpus).sum();
        int ram = open.stream().mapToInt(claim -> claim.ramMb).sum();
        return new LocationStatus(status.location(), status.checkedAt(), new ComputeLimits(limits.maxInstances(),
                limits.usedInstances() + open.size(), limits.maxCores(), limits.usedCores() + cores,
                limits.maxRamMb(), limits.usedRamMb() + ram), null);
    }

    /** One create the engine is making, or made, in a location. */
    final class Claim {
        private final Location location;
        private final int vcpus;
        private final int ramMb;
        private Instant returnedAt; // guarded by LocationClaims.this; null while the create is in flight

        private Claim(Location location, int vcpus, int ramMb) {
            this.location = location;
            this.vcpus = vcpus;
            this.ramMb = ramMb;
        }

        /** The create returned at {@code at}: counted until a check made after that. */
        void booted(Instant at) {
            synchronized (LocationClaims.this) {
                returnedAt = at;
            }
        }

        /** The create failed: not counted any more. */
        void failed() {
            synchronized (LocationClaims.this) {
                List<Claim> open = claims.get(location);
                if (open != null) {
                    open.remove(this);
                    if (open.isEmpty()) {
                        claims.remove(location);
                    }
                }
            }
        }
    }
}
