package io.stackpilot.core.preemption;

import io.stackpilot.core.catalog.CatalogService;
import io.stackpilot.core.catalog.Freshness;
import io.stackpilot.core.compute.BootRequest;
import io.stackpilot.core.compute.ComputeGateway;
import io.stackpilot.core.compute.ComputeLimits;
import io.stackpilot.core.compute.Flavor;
import io.stackpilot.core.compute.Server;
import io.stackpilot.core.compute.ServerQuery;
import io.stackpilot.core.compute.ServerService;
import io.stackpilot.core.compute.ServerStatus;
import io.stackpilot.core.error.InsufficientCapacityException;
import io.stackpilot.core.error.QuotaExceededException;
import io.stackpilot.core.identity.Session;
import io.stackpilot.core.managed.EngineLauncher;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Launches a server; a standard one gets room by evicting preemptible servers when it has none (issue 16).
 * <ul>
 * <li><b>Quota</b>: the project's limits are checked before the boot (so the usual case never sends a doomed
 * request), and Nova's quota refusal is handled the same way: the project's own preemptible servers are candidates.
 * Decisions for one project are serialized across replicas ({@link PreemptionLock}, key {@code quota:<project>}),
 * held until the boot is accepted, so two creates never pick the same victim or evict for the same room twice.</li>
 * <li><b>Capacity</b>: the create waits until its server leaves BUILD; in ERROR with "No valid host was found" the
 * preemptible servers of every allowed project at the same location are candidates (through the service account),
 * under the key {@code capacity:<cloud>:<region>}; the ERROR server is deleted and the create booted again.</li>
 * </ul>
 * Victims are chosen by {@link VictimSelection} (fewest, best fit, youngest); if all candidates together would not
 * free enough, nothing is evicted and the create fails ({@link QuotaExceededException} or
 * {@link InsufficientCapacityException}) with what was computed. A preemptible create never preempts. Flavors'
 * sizes come from the {@link CatalogService} (its cache: the caller's project's view; a flavor the stored list lacks
 * is looked up in a fresh list). Thread-safe.
 */
public final class PreemptionService {
    private final ServerService servers;
    private final ComputeGateway compute;
    private final CatalogService catalog;
    private final Evictor evictor;
    private final CapacityCandidates capacityCandidates;
    private final PreemptionLock lock;
    private final PreemptionSettings settings;

    /** {@code catalog} must be over {@code compute}. */
    public PreemptionService(ServerService servers, ComputeGateway compute, CatalogService catalog, Evictor evictor,
                             CapacityCandidates capacityCandidates, PreemptionLock lock, PreemptionSettings settings) {
        this.servers = servers;
        this.compute = compute;
        this.catalog = catalog;
        this.evictor = evictor;
        this.capacityCandidates = capacityCandidates;
        this.lock = lock;
        this.settings = settings;
    }

    /** Launches as {@link ServerService#launch} does, evicting preemptible servers for a standard one if needed. */
    public Server launch(Session session, BootRequest request) {
        Optional<Resources> size = standardSize(session, request);
        if (size.isEmpty()) {
            return servers.launch(session, request);
        }
        Server server = lock.holding(quotaKey(session), () -> launchWithinQuota(session, request, size.get()));
        if (settings.schedulingWait().isZero()) {
            return server;
        }
        Server scheduled = awaitScheduled(session, server);
        if (!scheduled.failedForLackOfCapacity()) {
            return scheduled;
        }
        return lock.holding(capacityKey(session), () -> makeRoomOnHosts(session, request, size.get(), scheduled,
                true));
    }

    /**
     * The same policy for the desired-state engine's creates of managed servers: the quota case as above; the
     * capacity case when the engine finds the managed server's VM in ERROR for lack of a host. Neither waits for
     * the VM to be scheduled (the engine observes it on its next pass), so no engine operation holds its claim for
     * the scheduling wait.
     */
    public EngineLauncher forEngine() {
        return new EngineLauncher() {
            @Override
            public Server launch(Session session, BootRequest request) {
                Optional<Resources> size = standardSize(session, request);
                return size.isEmpty() ? servers.launch(session, request)
                        : lock.holding(quotaKey(session), () -> launchWithinQuota(session, request, size.get()));
            }

            @Override
            public Server relaunch(Session session, BootRequest request, Server failed) {
                Optional<Resources> size = standardSize(session, request);
                if (size.isEmpty()) {
                    evictor.removeFailed(session, failed); // a preemptible server never preempts
                    return servers.launch(session, request);
                }
                return lock.holding(capacityKey(session), () -> makeRoomOnHosts(session, request, size.get(),
                        failed, false));
            }
        };
    }

    /** The flavor's size for a standard create; empty for a preemptible one, or a flavor ServerService refuses. */
    private Optional<Resources> standardSize(Session session, BootRequest request) {
        if (request.preemptible()) {
            return Optional.empty();
        }
        // An unknown flavor is refused as invalid by ServerService, with the other fields' problems.
        Optional<Flavor> flavor = flavor(catalog.flavors(session), request.flavorId());
        if (flavor.isEmpty()) {
            flavor = flavor(catalog.flavors(session, Freshness.FRESH), request.flavorId());
        }
        return flavor.map(found -> new Resources(1, found.vcpus(), found.ramMb()));
    }

    private static Optional<Flavor> flavor(List<Flavor> flavors, String id) {
        return flavors.stream().filter(candidate -> candidate.id().equals(id)).findFirst();
    }

    private static String quotaKey(Session session) {
        return "quota:" + session.project().id();
    }

    private static String capacityKey(Session session) {
        return "capacity:" + session.location().cloud() + ":" + session.location().region();
    }

    private Server launchWithinQuota(Session session, BootRequest request, Resources size) {
        List<Evictor.Evicted> victims = new ArrayList<>();
        Server server = null;
        try {
            Resources shortfall = quotaShortfall(compute.limits(session), size);
            if (!shortfall.isNone()) {
                victims.addAll(evictForQuota(session, shortfall, size));
            }
            try {
                server = servers.launch(session, request);
            } catch (QuotaExceededException refused) {
                // The limits showed room (or it was made), Nova says no (counted otherwise): once more, then give up.
                Resources now = quotaShortfall(compute.limits(session), size);
                if (now.isNone()) {
                    throw refused;
                }
                victims.addAll(evictForQuota(session, now, size));
                server = servers.launch(session, request);
            }
            return server;
        } finally {
            evictor.record(victims, server, session, PreemptionReason.QUOTA);
        }
    }

    private List<Evictor.Evicted> evictForQuota(Session session, Resources shortfall, Resources size) {
        List<Candidate> candidates = Candidates.of(servers.list(session,
                ServerQuery.all()).items(), catalog.flavors(session));
        List<Candidate> victims = VictimSelection.choose(candidates, shortfall).orElseThrow(() ->
                new QuotaExceededException("Quota exceeded: the project lacks " + shortfall + " for this server, and "
                        + "its " + candidates.size() + " preemptible server(s) would free only " + total(candidates)
                        + "; nothing was evicted", null));
        List<Evictor.Evicted> evicted = evictor.evict(victims, PreemptionReason.QUOTA, session);
        // Nova counts a deleted server's quota once it is gone; the boot then finds the room (or is refused again).
        evictor.awaitRoom(() -> quotaShortfall(compute.limits(session), size).isNone());
        return evicted;
    }

    /** Evicts for a server that found no host and boots it again; {@code await}: wait until it is scheduled. */
    private Server makeRoomOnHosts(Session session, BootRequest request, Resources size, Server failed,
                                   boolean await) {
        List<Candidate> candidates = capacityCandidates.at(session.location());
        Optional<List<Candidate>> chosen = VictimSelection.choose(candidates, size);
        if (chosen.isEmpty()) {
            evictor.removeFailed(session, failed);
            throw new InsufficientCapacityException("No host has room for flavor " + request.flavorId() + " ("
                    + size + "), and the " + candidates.size() + " preemptible server(s) at " + session.location()
                    + " would free only " + total(candidates) + "; nothing was evicted, the ERROR server "
                    + failed.id().value() + " was deleted");
        }
        List<Evictor.Evicted> evicted = evictor.evict(chosen.get(), PreemptionReason.CAPACITY, session);
        evictor.removeFailed(session, failed);
        Server booted = servers.launch(session, request);
        Server again = await ? awaitScheduled(session, booted) : booted;
        evictor.record(evicted, again, session, PreemptionReason.CAPACITY);
        if (again.failedForLackOfCapacity()) {
            evictor.removeFailed(session, again);
            throw new InsufficientCapacityException("No host had room for flavor " + request.flavorId()
                    + " even after evicting " + chosen.get().size() + " preemptible server(s) (" + total(chosen.get())
                    + "); the ERROR server " + again.id().value() + " was deleted");
        }
        return again;
    }

    /** Polls the server until it leaves BUILD (a host was found, or none) or the scheduling wait ends. */
    private Server awaitScheduled(Session session, Server server) {
        long deadline = System.nanoTime() + settings.schedulingWait().toNanos();
        Server current = server;
        while (current.status() == ServerStatus.BUILD && System.nanoTime() < deadline) {
            Evictor.pause(settings.poll());
            current = compute.findServer(session, current.id()).orElse(current);
        }
        return current;
    }

    /** What the project's quota lacks for {@code size}; a limit of -1 never lacks anything. */
    static Resources quotaShortfall(ComputeLimits limits, Resources size) {
        return new Resources(lack(limits.maxInstances(), limits.usedInstances(), size.instances()),
                lack(limits.maxCores(), limits.usedCores(), size.vcpus()),
                lack(limits.maxRamMb(), limits.usedRamMb(), size.ramMb()));
    }

    private static long lack(long max, long used, long wanted) {
        return max < 0 ? 0 : Math.max(0, used + wanted - max);
    }

    private static Resources total(List<Candidate> candidates) {
        return candidates.stream().map(Candidate::frees).reduce(Resources.NONE, Resources::plus);
    }

}
