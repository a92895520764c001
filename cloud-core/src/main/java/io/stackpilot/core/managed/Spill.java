package io.stackpilot.core.managed;

import io.stackpilot.core.compute.ComputeGateway;
import io.stackpilot.core.compute.Flavor;
import io.stackpilot.core.compute.Server;
import io.stackpilot.core.error.InsufficientCapacityException;
import io.stackpilot.core.error.QuotaExceededException;
import io.stackpilot.core.identity.Session;
import io.stackpilot.core.location.LocationStatus;
import io.stackpilot.core.location.ProviderLocation;
import io.stackpilot.core.placement.Placement;
import io.stackpilot.core.placement.PlacementPlan;
import io.stackpilot.core.placement.Tried;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

/**
 * Boots a placed managed server: in the first location of its {@link PlacementPlan} with room, spilling to the next
 * when a create still fails for quota or capacity; only when no listed location with room took it does a standard
 * server boot where it may evict (its owner's own cloud, when listed). All full: {@link QuotaExceededException} naming
 * every location's reason, and no VM anywhere. Not thread-safe; used once.
 */
final class Spill {
    /** Where the VM went, and every location tried before, with the reason. */
    record Placed(Server server, String location, List<Tried> tried) {
        Condition condition(Instant now) {
            String before = tried.isEmpty() ? "" : "; tried " + tried.stream().map(Tried::toString)
                    .collect(Collectors.joining("; "));
            return new Condition("Placed", true, tried.isEmpty() ? "Placed" : "Spilled", "placed in " + location
                    + before, now);
        }
    }

    private final ManagedServer resource;
    private final EngineLocations where;
    private final ServerActions actions;
    private final ComputeGateway compute;
    private final Session ownerSession;
    private final Runnable holdClaim;
    private final BiConsumer<String, String> spilled;

    Spill(ManagedServer resource, EngineLocations where, ServerActions actions, ComputeGateway compute,
          Session ownerSession, Runnable holdClaim, BiConsumer<String, String> spilled) {
        this.resource = resource;
        this.where = where;
        this.actions = actions;
        this.compute = compute;
        this.ownerSession = ownerSession;
        this.holdClaim = holdClaim;
        this.spilled = spilled;
    }

    Placed place() {
        Placement placement = where.placement(resource);
        Flavor flavor = compute.findFlavor(ownerSession, resource.spec().flavorId()).orElse(null);
        PlacementPlan plan = PlacementPlan.of(placement, statuses(), flavor == null ? 0 : flavor.vcpus(),
                flavor == null ? 0 : flavor.ramMb());
        List<Tried> tried = new ArrayList<>();
        plan.skipped().forEach(skip -> note(tried, skip));
        for (ProviderLocation location : plan.withRoom()) {
            Session session = where.open(resource.projectId(), location.location());
            holdClaim.run();
            try {
                return new Placed(actions.bootWithoutEviction(session, resource), location.name(), tried);
            } catch (QuotaExceededException | InsufficientCapacityException full) {
                note(tried, new Tried(location.name(), full.getMessage()));
            }
        }
        // No location with room took it: a standard server may now make room where its owner's VMs are.
        List<ProviderLocation> evictable = new ArrayList<>(plan.withRoom());
        evictable.addAll(plan.full());
        for (ProviderLocation location : evictable) {
            if (!where.isHome(location.location()) || resource.spec().preemptible()) {
                continue;
            }
            holdClaim.run();
            try {
                return new Placed(actions.boot(ownerSession, resource), location.name(), tried);
            } catch (QuotaExceededException | InsufficientCapacityException full) {
                note(tried, new Tried(location.name(), full.getMessage() + " (after trying to evict)"));
            }
        }
        throw new QuotaExceededException("no location of the placement has room: " + tried.stream()
                .map(Tried::toString).collect(Collectors.joining("; ")), null);
    }

    /**
     * The locations' limits; the owner's own cloud's are the owner project's (where the VM would count), not the
     * service account's.
     */
    private List<LocationStatus> statuses() {
        return where.statuses().stream().map(status -> !status.available() || !where.isHome(status.location()
                .location()) ? status : new LocationStatus(status.location(), status.checkedAt(),
                compute.limits(ownerSession), null)).toList();
    }

    private void note(List<Tried> tried, Tried one) {
        tried.add(one);
        spilled.accept(one.location(), one.reason());
    }
}
