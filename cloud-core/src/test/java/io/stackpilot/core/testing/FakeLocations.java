package io.stackpilot.core.testing;

import io.stackpilot.core.common.Location;
import io.stackpilot.core.compute.ComputeLimits;
import io.stackpilot.core.error.NotFoundException;
import io.stackpilot.core.error.UpstreamUnavailableException;
import io.stackpilot.core.identity.Principal;
import io.stackpilot.core.identity.ProjectRef;
import io.stackpilot.core.identity.Session;
import io.stackpilot.core.identity.UserRef;
import io.stackpilot.core.location.LocationGateway;
import io.stackpilot.core.location.ProviderLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Locations in memory: each with its limits, or down (answers 503), or hanging until released; each location's
 * service account is scoped to the project {@link #providerProject}. Counts the calls.
 * Thread-safe.
 */
public final class FakeLocations implements LocationGateway {
    private final List<ProviderLocation> locations = new ArrayList<>();
    private final Map<Location, ComputeLimits> limits = new ConcurrentHashMap<>();
    private final Map<Location, Boolean> down = new ConcurrentHashMap<>();
    private final Map<Location, CountDownLatch> hanging = new ConcurrentHashMap<>();
    private final AtomicInteger calls = new AtomicInteger();

    /** One location per argument, in priority order, each with the given instance quota and nothing used. */
    public static FakeLocations of(int instanceQuota, Location... locations) {
        FakeLocations fake = new FakeLocations();
        for (Location location : locations) {
            fake.add(location, new ComputeLimits(instanceQuota, 0, 20, 0, 51200, 0));
        }
        return fake;
    }

    public synchronized FakeLocations add(Location location, ComputeLimits computeLimits) {
        locations.add(new ProviderLocation(location, locations.size() + 1));
        limits.put(location, computeLimits);
        return this;
    }

    public void setLimits(Location location, ComputeLimits computeLimits) {
        limits.put(location, computeLimits);
    }

    public void setDown(Location location, boolean isDown) {
        down.put(location, isDown);
    }

    /** The location's next calls wait until the returned latch is counted down (or the caller is interrupted). */
    public CountDownLatch hang(Location location) {
        CountDownLatch release = new CountDownLatch(1);
        hanging.put(location, release);
        return release;
    }

    /** The project of a location's (fake) service account: {@code provider-<cloud>-<region>}. */
    public static String providerProject(Location location) {
        return "provider-" + location.cloud() + "-" + location.region();
    }

    public int calls() {
        return calls.get();
    }

    @Override
    public synchronized List<ProviderLocation> locations() {
        return List.copyOf(locations);
    }

    @Override
    public Session serviceSession(Location location) {
        if (!limits.containsKey(location)) {
            throw new NotFoundException("location", location.cloud() + "/" + location.region());
        }
        String project = providerProject(location);
        Principal principal = Principal.projectScoped(new UserRef("svc-" + project, "svc-" + project,
                TestData.DEFAULT_DOMAIN), new ProjectRef(project, project, TestData.DEFAULT_DOMAIN), Set.of("member"),
                TestData.TOKEN_EXPIRY);
        return new Session("service-token-" + project, principal, location);
    }

    @Override
    public ComputeLimits limits(Location location) {
        calls.incrementAndGet();
        CountDownLatch release = hanging.get(location);
        if (release != null) {
            try {
                release.await();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new UpstreamUnavailableException("compute", "interrupted", null, interrupted);
            }
        }
        if (down.getOrDefault(location, false)) {
            throw new UpstreamUnavailableException("compute", "compute service of " + location.cloud() + "/"
                    + location.region() + " unreachable", null, null);
        }
        ComputeLimits found = limits.get(location);
        if (found == null) {
            throw new NotFoundException("location", location.cloud() + "/" + location.region());
        }
        return found;
    }
}
