package io.stackpilot.openstack;

import io.stackpilot.core.common.Location;
import io.stackpilot.core.compute.ComputeLimits;
import io.stackpilot.core.error.NotFoundException;
import io.stackpilot.core.error.StackpilotException;
import io.stackpilot.core.identity.Session;
import io.stackpilot.core.location.LocationGateway;
import io.stackpilot.core.location.ProviderLocation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The configured locations over OpenStack: one {@link OpenStackCloud} per cloud and region, each asked with its
 * cloud's service account. Built once at start ({@link #resolve}), which checks every named cloud against its
 * Keystone; afterwards a location that fails only fails its own calls. Thread-safe; close it at shutdown (the
 * identity cloud's client, when it is a location, is left to its owner).
 */
public final class OpenStackLocations implements LocationGateway, AutoCloseable {
    private final Map<Location, OpenStackCloud> clouds;
    private final List<ProviderLocation> locations;
    private final List<OpenStackCloud> owned;

    private OpenStackLocations(Map<Location, OpenStackCloud> clouds, List<OpenStackCloud> owned) {
        this.clouds = new LinkedHashMap<>(clouds);
        List<ProviderLocation> ordered = new ArrayList<>();
        clouds.keySet().forEach(location -> ordered.add(new ProviderLocation(location, ordered.size() + 1)));
        this.locations = List.copyOf(ordered);
        this.owned = List.copyOf(owned);
    }

    /** The identity cloud alone, in its configured region: what Stackpilot served before locations. No I/O. */
    public static OpenStackLocations single(OpenStackCloud identityCloud) {
        return new OpenStackLocations(Map.of(identityCloud.location(), identityCloud), List.of());
    }

    /**
     * The locations of {@code settings}: each named cloud's entry read from clouds.yaml (the identity cloud's own
     * settings when it is named), its service account logged in and its catalog read, the regions chosen checked
     * against it. All clouds are checked at the same time and every problem is added to {@code problems} (unknown
     * cloud, unreachable, refused, region not in the catalog); then null is returned and nothing is left open.
     */
    public static OpenStackLocations resolve(LocationSettings settings, CloudSettings identityCloud,
                                             Map<String, String> env, UpstreamObserver observer,
                                             List<String> problems) {
        if (settings.identityCloudOnly()) {
            throw new IllegalArgumentException("no clouds named: the identity cloud alone is single(cloud)");
        }
        List<CloudSettings> named = new ArrayList<>();
        for (String cloud : settings.clouds()) {
            named.add(cloud.equals(identityCloud.cloud()) ? identityCloud
                    : CloudSettings.fromCloudsYaml(cloud, env, problems));
        }
        // the clouds that could be read are still checked, so that one start reports all problems
        List<CloudSettings> readable = named.stream().filter(java.util.Objects::nonNull).toList();
        List<List<String>> regions = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Object>> catalogs = readable.stream()
                    .map(cloud -> executor.submit(() -> catalogRegions(cloud, observer))).toList();
            for (int i = 0; i < readable.size(); i++) {
                regions.add(chosenRegions(readable.get(i).cloud(), settings, await(catalogs.get(i)), problems));
            }
        }
        if (regions.contains(null) || readable.size() < named.size()) {
            return null;
        }
        Map<Location, OpenStackCloud> clouds = new LinkedHashMap<>();
        List<OpenStackCloud> owned = new ArrayList<>();
        for (int i = 0; i < named.size(); i++) {
            for (String region : regions.get(i)) {
                OpenStackCloud cloud = OpenStackCloud.connect(named.get(i).withRegion(region), observer);
                clouds.put(cloud.location(), cloud);
                owned.add(cloud);
            }
        }
        return new OpenStackLocations(clouds, owned);
    }

    /** The catalog's compute regions, or the problem that kept us from reading them (as a one-line message). */
    private static Object catalogRegions(CloudSettings settings, UpstreamObserver observer) {
        try (OpenStackCloud probe = OpenStackCloud.connect(settings.withRegion(null), observer)) {
            return probe.computeRegions();
        } catch (StackpilotException failed) {
            return "STACKPILOT_CLOUDS: cloud '" + settings.cloud() + "' at " + settings.authUrl()
                    + " cannot be used: " + failed.getMessage();
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> chosenRegions(String cloud, LocationSettings settings, Object catalog,
                                              List<String> problems) {
        if (catalog instanceof String problem) {
            problems.add(problem);
            return null;
        }
        // sorted: Keystone lists endpoints in no particular order, and the order is the regions' priority
        List<String> available = ((List<String>) catalog).stream().sorted().toList();
        if (available.isEmpty()) {
            problems.add("STACKPILOT_CLOUDS: cloud '" + cloud + "' has no compute endpoint in its catalog");
            return null;
        }
        List<String> wanted = settings.regions().getOrDefault(cloud, available);
        List<String> missing = wanted.stream().filter(region -> !available.contains(region)).toList();
        if (!missing.isEmpty()) {
            problems.add("STACKPILOT_REGIONS: cloud '" + cloud + "' has no compute endpoint in region(s) " + missing
                    + "; its catalog has " + available);
            return null;
        }
        return wanted;
    }

    private static Object await(Future<?> future) {
        try {
            return future.get();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking the clouds", interrupted);
        } catch (ExecutionException failed) {
            throw failed.getCause() instanceof RuntimeException bug ? bug : new IllegalStateException(failed);
        }
    }

    @Override
    public List<ProviderLocation> locations() {
        return locations;
    }

    @Override
    public ComputeLimits limits(Location location) {
        OpenStackCloud cloud = cloud(location);
        return cloud.compute().limits(cloud.serviceSession());
    }

    /** The location's service account, scoped to its own project; the session's location is {@code location}. */
    @Override
    public Session serviceSession(Location location) {
        return cloud(location).serviceSession();
    }

    /** The cloud of a configured location, if it is one. */
    public Optional<OpenStackCloud> find(Location location) {
        return Optional.ofNullable(clouds.get(location));
    }

    private OpenStackCloud cloud(Location location) {
        return find(location).orElseThrow(() -> new NotFoundException("location",
                location.cloud() + "/" + location.region()));
    }

    @Override
    public void close() {
        owned.forEach(OpenStackCloud::close);
    }
}
