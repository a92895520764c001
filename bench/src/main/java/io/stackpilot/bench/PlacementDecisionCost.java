package io.stackpilot.bench;

import io.stackpilot.core.common.Location;
import io.stackpilot.core.compute.ComputeLimits;
import io.stackpilot.core.location.LocationStatus;
import io.stackpilot.core.location.ProviderLocation;
import io.stackpilot.core.placement.Placement;
import io.stackpilot.core.placement.PlacementPlan;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Issue 17: the cost of one placement (spill) decision in process, over N locations whose limits are known (as
 * {@code LocationService} hands them over, cached): every second location full, the rest with room, for
 * fill-first and spread. What it leaves out: the Nova calls (the limits when the cache is cold, the boots tried).
 * Usage: {@code PlacementDecisionCost RUNS LOCATIONS...}.
 */
public final class PlacementDecisionCost {
    private PlacementDecisionCost() {
    }

    public static void main(String[] args) {
        int runs = Integer.parseInt(args[0]);
        for (int i = 1; i < args.length; i++) {
            int count = Integer.parseInt(args[i]);
            List<LocationStatus> statuses = statuses(count);
            for (Placement.Strategy strategy : Placement.Strategy.values()) {
                Placement placement = new Placement(true, List.of(), strategy);
                int withRoom = 0;
                for (int warm = 0; warm < Math.max(1000, runs); warm++) {
                    withRoom = PlacementPlan.of(placement, statuses, 1, 512).withRoom().size();
                }
                Samples nanos = new Samples();
                for (int run = 0; run < runs; run++) {
                    long start = System.nanoTime();
                    withRoom = PlacementPlan.of(placement, statuses, 1, 512).withRoom().size();
                    nanos.add(System.nanoTime() - start);
                }
                Row.print("7 placement", String.format("spill decision, %d locations, %s", count,
                        strategy.wireName()), micros(nanos.median()) + " p50, "
                        + micros(nanos.percentile(95)) + " p95", "-", "-",
                        String.format("%d with room; %d runs; %s", withRoom, runs, Row.load()));
            }
        }
    }

    private static String micros(long nanos) {
        return String.format("%.1f us", nanos / 1000.0);
    }

    private static List<LocationStatus> statuses(int count) {
        List<LocationStatus> statuses = new ArrayList<>(count);
        Instant now = Instant.parse("2026-12-01T00:00:00Z");
        for (int i = 0; i < count; i++) {
            ProviderLocation location = new ProviderLocation(new Location("cloud-" + i, "RegionOne"), i + 1);
            int used = i % 2 == 0 ? 20 : i;
            statuses.add(new LocationStatus(location, now, new ComputeLimits(20, used, 80, used * 2, 163_840,
                    used * 2048), null));
        }
        return statuses;
    }
}
