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
import io.stackpilot.core.placement.PlacementStatus;
import io.stackpilot.core.placement.Tried;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Boots a placed managed server: in the first location of its {@link PlacementPlan} with room, spilling to the next
 * when a create still fails for quota or capacity, or when the location lacks the spec's flavor, image or network;
 * only when no listed location with room took it does a standard server boot where it may evict (its owner's own
 * cloud, when listed). Locations in {@code earlier} (where a VM of it recently found no host) are not tried again.
 * A create in a provider location claims its room first ({@link LocationClaims}): servers placed at the same moment
 * see each other's creates, not only the location's cached {@code /limits}.
 * All full: {@link QuotaExceededException} naming every location's reason, {@link #tried()} listing them, and no VM
 * anywhere. Not thread-safe; used once.
 */
final class Spill {
    /** The start of the reason recorded for a location where the VM went to ERROR because no host had room. */
    static final String NO_HOST = "the VM found no host";

    /** Where the VM went, and every location tried before, with the reason. */
    record Placed(Server server, String location, List<Tried> tried, Placement.Strategy strategy) {
        Condition condition(Instant now) {
            String before = tried.isEmpty() ? "" : "; tried " + tried.stream().map(Tried::toString)
                    .collect(Collectors.joining("; "));
            return new Condition("Placed", true, tried.isEmpty() ? "Placed" : "Spilled", "placed in " + location
                    + before, now);
        }

        PlacementStatus status() {
            return new PlacementStatus(location, strategy, tried);
        }
    }

    private final ManagedServer resource;
    private final EngineLocations where;
    private final ServerActions actions;
    private final ComputeGateway compute;
    private final Session ownerSession;
    private final Runnable holdClaim;
    private final Clock clock;
    private final Consumer<Tried> spilled;
    private final List<Tried> tried = new ArrayList<>();

    Spill(ManagedServer resource, EngineLocations where, ServerActions actions, ComputeGateway compute,
          Session ownerSession, Runnable holdClaim, Clock clock, List<Tried> earlier, Consumer<Tried> spilled) {
        this.resource = resource;
        this.where = where;
        this.actions = actions;
        this.compute = compute;
        this.ownerSession = ownerSession;
        this.holdClaim = holdClaim;
        this.clock = clock;
        this.spilled = spilled;
        tried.addAll(earlier);
    }

    Placed place() {
        Placement placement = where.placement(resource);
        List<String> excluded = tried.stream().map(Tried::location).toList();
        Flavor flavor = compute.findFlavor(ownerSession, resource.spec().flavorId()).orElse(null);
        int vcpus = flavor == null ? 0 : flavor.vcpus();
        int ramMb = flavor == null ? 0 : flavor.ramMb();
        List<LocationStatus> statuses = statuses();
        PlacementPlan plan = PlacementPlan.of(placement, statuses, vcpus, ramMb);
        plan.skipped().stream().filter(skip -> !excluded.contains(skip.location())).forEach(this::note);
        for (ProviderLocation location : plan.withRoom()) {
            if (excluded.contains(location.name())) {
                continue;
            }
            Session session = where.open(resource.projectId(), location.location());
            SpecInLocation.Resolved there = where.specIn(resource, location.location(), session);
            if (there.spec() == null) {
                note(new Tried(location.name(), there.lacking(), clock.instant()));
                continue;
            }
            LocationClaims.Claim room = null; // none in the owner's own cloud
            if (!where.isHome(location.location())) {
                LocationClaims.Attempt attempt = where.claim(location, vcpus, ramMb);
                if (attempt.claim() == null) {
                    note(new Tried(location.name(), attempt.noRoom() + " (counting the creates in flight there)",
                            clock.instant()));
                    continue;
                }
                room = attempt.claim();
            }
            holdClaim.run();
            boolean booted = false;
            try {
                Placed placed = new Placed(actions.bootWithoutEviction(session, resource, there.spec()),
                        location.name(), tried, placement.strategy());
                booted = true;
                return placed;
            } catch (QuotaExceededException | InsufficientCapacityException full) {
                note(new Tried(location.name(), full.getMessage(), clock.instant()));
            } finally {
                if (room != null && booted) {
                    room.booted();
                } else if (room != null) {
                    room.failed();
                }
            }
        }
        // No location with room took it: a standard server may now make room where its owner's VMs are.
        List<ProviderLocation> evictable = new ArrayList<>(plan.withRoom());
        evictable.addAll(plan.full());
        for (ProviderLocation location : evictable) {
            if (!where.isHome(location.location()) || resource.spec().preemptible()
                    || excluded.contains(location.name())) {
                continue;
            }
            holdClaim.run();
            try {
                return new Placed(actions.boot(ownerSession, resource), location.name(), tried, placement.strategy());
            } catch (QuotaExceededException | InsufficientCapacityException full) {
                note(new Tried(location.name(), full.getMessage() + " (after trying to evict)", clock.instant()));
            }
        }
        throw new QuotaExceededException("no location of the placement has room: " + tried.stream()
                .map(Tried::toString).collect(Collectors.joining("; ")), null);
    }

    /** Every location tried so far, with the reason (all of them once {@link #place()} failed). */
    List<Tried> tried() {
        return List.copyOf(tried);
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

    private void note(Tried one) {
        tried.add(one);
        spilled.accept(one);
    }
}
