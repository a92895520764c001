package io.stackpilot.core.placement;

import io.stackpilot.core.compute.ComputeLimits;
import io.stackpilot.core.location.LocationStatus;
import io.stackpilot.core.location.ProviderLocation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The order in which a placement tries its locations: {@code withRoom} (by the strategy; the engine boots in the
 * first and spills to the next when a create still fails for quota or capacity), {@code full} (available but
 * without room by {@code /limits}: where a standard server may evict, only when none with room took it), and
 * {@code skipped} (unavailable or full, with the reason, for the status). Pure: decided from the locations'
 * statuses alone.
 */
public record PlacementPlan(List<ProviderLocation> withRoom, List<ProviderLocation> full, List<Tried> skipped) {
    public PlacementPlan {
        withRoom = List.copyOf(withRoom);
        full = List.copyOf(full);
        skipped = List.copyOf(skipped);
    }

    /**
     * The plan for {@code placement} over the configured locations' {@code statuses}, for a server of {@code vcpus}
     * cores and {@code ramMb} MB. A location has room when its instances, cores and RAM (each unless unlimited)
     * leave room for one more such server.
     */
    public static PlacementPlan of(Placement placement, List<LocationStatus> statuses, int vcpus, int ramMb) {
        List<ProviderLocation> candidates = placement.candidates(statuses.stream().map(LocationStatus::location)
                .toList());
        List<LocationStatus> roomy = new ArrayList<>();
        List<ProviderLocation> full = new ArrayList<>();
        List<Tried> skipped = new ArrayList<>();
        for (ProviderLocation candidate : candidates) {
            LocationStatus status = statuses.stream().filter(s -> s.location().equals(candidate)).findFirst()
                    .orElseThrow();
            if (!status.available()) {
                skipped.add(new Tried(candidate.name(), "unavailable: " + status.unavailableReason().orElse(""),
                        status.checkedAt()));
                continue;
            }
            String noRoom = noRoom(status.limits(), vcpus, ramMb);
            if (noRoom == null) {
                roomy.add(status);
            } else {
                full.add(candidate);
                skipped.add(new Tried(candidate.name(), noRoom, status.checkedAt()));
            }
        }
        if (placement.strategy() == Placement.Strategy.SPREAD) {
            // stable: equally free locations keep their order
            roomy.sort(Comparator.comparingLong((LocationStatus s) -> -free(s.limits())));
        }
        return new PlacementPlan(roomy.stream().map(LocationStatus::location).toList(), full, skipped);
    }

    /** Why one more server does not fit, or null when it does. */
    public static String noRoom(ComputeLimits limits, int vcpus, int ramMb) {
        if (!fits(limits.maxInstances(), limits.usedInstances(), 1)) {
            return "no room by /limits: instances " + limits.usedInstances() + "/" + limits.maxInstances();
        }
        if (!fits(limits.maxCores(), limits.usedCores(), vcpus)) {
            return "no room by /limits: cores " + limits.usedCores() + "/" + limits.maxCores() + ", needs " + vcpus;
        }
        if (!fits(limits.maxRamMb(), limits.usedRamMb(), ramMb)) {
            return "no room by /limits: RAM " + limits.usedRamMb() + "/" + limits.maxRamMb() + " MB, needs " + ramMb;
        }
        return null;
    }

    private static boolean fits(int max, int used, int more) {
        return max < 0 || used + more <= max;
    }

    /** Free instances; unlimited counts as the most. */
    private static long free(ComputeLimits limits) {
        return limits.maxInstances() < 0 ? Long.MAX_VALUE : (long) limits.maxInstances() - limits.usedInstances();
    }
}
