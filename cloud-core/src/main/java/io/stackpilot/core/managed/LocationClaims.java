package io.stackpilot.core.managed;

import io.stackpilot.core.common.Location;
import io.stackpilot.core.compute.ComputeLimits;
import io.stackpilot.core.location.LocationStatus;
import io.stackpilot.core.placement.PlacementPlan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine's own creates in each provider location, counted against that location's limits as last checked
 * ({@link io.stackpilot.core.location.LocationService}, cached briefly). Without them, servers placed at the same
 * moment all see the same free room and all try the same location; Nova's quota recheck then refuses the extra ones
 * ("already used 4 of 3"), which spill on only after a wasted create.
 *
 * <p>Which creates a check already shows is decided by order, not by clock: each status (one fetch of a location's
 * limits) is stamped with a sequence number when it is first seen here, each create when it claims and when it
 * returns. A create is counted against a check seen before it claimed (which cannot show it). A check first seen
 * while the create was in flight may or may not show it: it is not counted (never twice; at worst the cloud refuses
 * one create, which spills on as without claims). A check first seen after it returned shows it (Nova may count the
 * VM a moment later, when its cell has it: for that moment it is counted too little, as without claims), and the
 * claim is forgotten. A create that failed is not counted. Statuses given here are the cached ones as fetched,
 * never ones this class has already counted. Thread-safe.
 */
final class LocationClaims {
    private final Map<Location, List<Claim>> claims = new HashMap<>(); // guarded by this
    private final Map<Location, Seen> seen = new HashMap<>(); // guarded by this
    private long sequence; // guarded by this

    /** A claim, or the reason (the limits with the creates counted) why there was no room for one. */
    record Attempt(Claim claim, String noRoom) {
    }

    /** The check of a location seen last and when, in this object's order. */
    private record Seen(LocationStatus status, long at) {
    }

    /** {@code statuses} (as fetched) with the creates not yet in their limits added to their use. */
    synchronized List<LocationStatus> counting(List<LocationStatus> statuses) {
        return statuses.stream().map(this::counted).toList();
    }

    /**
     * Claims room for one server of {@code vcpus} cores and {@code ramMb} MB in the location of {@code status} (as
     * fetched): no claim, with the reason, when the location's limits and the creates counted against them leave no
     * room; else a claim the caller settles with {@link Claim#booted} or {@link Claim#failed}. An unavailable status
     * claims without a check (the cloud decides).
     */
    synchronized Attempt claim(LocationStatus status, int vcpus, int ramMb) {
        LocationStatus counted = counted(status);
        String noRoom = counted.available() ? PlacementPlan.noRoom(counted.limits(), vcpus, ramMb) : null;
        if (noRoom != null) {
            return new Attempt(null, noRoom);
        }
        Claim claim = new Claim(status.location().location(), vcpus, ramMb, ++sequence);
        claims.computeIfAbsent(claim.location, key -> new ArrayList<>()).add(claim);
        return new Attempt(claim, null);
    }

    /** Creates counted against {@code status}'s limits, forgetting those it already shows. Caller holds the lock. */
    private LocationStatus counted(LocationStatus status) {
        if (!status.available()) {
            return status;
        }
        long checked = seenAt(status);
        List<Claim> open = claims.get(status.location().location());
        if (open == null) {
            return status;
        }
        open.removeIf(claim -> claim.returned != 0 && claim.returned < checked);
        if (open.isEmpty()) {
            claims.remove(status.location().location());
            return status;
        }
        List<Claim> unseen = open.stream().filter(claim -> claim.claimed > checked).toList();
        if (unseen.isEmpty()) {
            return status;
        }
        ComputeLimits limits = status.limits();
        int cores = unseen.stream().mapToInt(claim -> claim.vcpus).sum();
        int ram = unseen.stream().mapToInt(claim -> claim.ramMb).sum();
        return new LocationStatus(status.location(), status.checkedAt(), new ComputeLimits(limits.maxInstances(),
                limits.usedInstances() + unseen.size(), limits.maxCores(), limits.usedCores() + cores,
                limits.maxRamMb(), limits.usedRamMb() + ram), null);
    }

    /**
     * When {@code status} was first seen: a check other than the last one seen of its location is a new one (an
     * older one coming back late is taken as new, which counts fewer creates, never more). Caller holds the lock.
     */
    private long seenAt(LocationStatus status) {
        Location location = status.location().location();
        Seen last = seen.get(location);
        if (last == null || last.status() != status) {
            last = new Seen(status, ++sequence);
            seen.put(location, last);
        }
        return last.at();
    }

    /** One create the engine is making, or made, in a location. */
    final class Claim {
        private final Location location;
        private final int vcpus;
        private final int ramMb;
        private final long claimed;
        private long returned; // guarded by LocationClaims.this; 0 while the create is in flight

        private Claim(Location location, int vcpus, int ramMb, long claimed) {
            this.location = location;
            this.vcpus = vcpus;
            this.ramMb = ramMb;
            this.claimed = claimed;
        }

        /** The create returned with a VM: counted until a check first seen after now. */
        void booted() {
            synchronized (LocationClaims.this) {
                returned = ++sequence;
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
