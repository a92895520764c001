package io.stackpilot.core.stats;

import io.stackpilot.core.common.Page;
import io.stackpilot.core.common.Require;
import io.stackpilot.core.common.Location;
import io.stackpilot.core.compute.ComputeGateway;
import io.stackpilot.core.compute.Server;
import io.stackpilot.core.compute.ServerQuery;
import io.stackpilot.core.compute.ServerStatus;
import io.stackpilot.core.error.StackpilotException;
import io.stackpilot.core.identity.ProjectRef;
import io.stackpilot.core.identity.Session;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Takes the live sample of one bucket: the number of ACTIVE servers of every allowed project, plus their total
 * under {@link StatsSample#TOTAL}, stored with {@link StatsSampleRepository#insertIfAbsent} so a second collection of
 * the same bucket (another replica, a retry) changes nothing. The cloud is asked once per collection, whatever the
 * number of projects: one all-projects list of ACTIVE servers (the gateway follows the cloud's paging), counted
 * here; the allowed projects cost one identity call. Thread-safe when its collaborators are.
 */
public final class StatsCollector {
    private final ComputeGateway compute;
    private final Supplier<Session> serviceSession;
    private final Supplier<List<ProjectRef>> allowedProjects;
    private final StatsSampleRepository samples;
    private final StatsBuckets buckets;
    private final Clock clock;
    private final StatsLocations elsewhere;

    /**
     * @param serviceSession the service account's session (admin, to list all projects' servers), asked per call
     *                       so that a renewed token is picked up
     */
    public StatsCollector(ComputeGateway compute, Supplier<Session> serviceSession,
                          Supplier<List<ProjectRef>> allowedProjects, StatsSampleRepository samples,
                          StatsBuckets buckets, Clock clock) {
        this(compute, serviceSession, allowedProjects, samples, buckets, clock, StatsLocations.none());
    }

    /**
     * As the other constructor, sampling {@code elsewhere}'s locations too (each under its own location key); a
     * location that fails there is left out of this collection (its bucket stays without a sample there).
     */
    public StatsCollector(ComputeGateway compute, Supplier<Session> serviceSession,
                          Supplier<List<ProjectRef>> allowedProjects, StatsSampleRepository samples,
                          StatsBuckets buckets, Clock clock, StatsLocations elsewhere) {
        this.elsewhere = Require.notNull(elsewhere, "elsewhere");
        this.compute = Require.notNull(compute, "compute");
        this.serviceSession = Require.notNull(serviceSession, "serviceSession");
        this.allowedProjects = Require.notNull(allowedProjects, "allowedProjects");
        this.samples = Require.notNull(samples, "samples");
        this.buckets = Require.notNull(buckets, "buckets");
        this.clock = Require.notNull(clock, "clock");
    }

    /**
     * Counts now and stores the counts as the LIVE samples of {@code bucket} (the start of a bucket, normally the
     * current one). Projects without ACTIVE servers get 0. With no allowed project only the total (0) is stored and
     * the cloud is not asked.
     *
     * @throws io.stackpilot.core.error.StackpilotException when the cloud fails; nothing is stored then
     */
    public CollectionOutcome collect(Instant bucket) {
        buckets.requireBucket(bucket, "bucket");
        List<ProjectRef> projects = allowedProjects.get();
        Map<String, Integer> active = projects.isEmpty() ? Map.of()
                : countActive(serviceSession.get(), true, Server::projectId);
        Instant collectedAt = clock.instant();
        List<StatsSample> batch = new ArrayList<>();
        int total = addSamples(batch, projects, active, bucket, collectedAt, StatsSample.HOME);
        if (!projects.isEmpty()) {
            for (Location location : elsewhere.others()) {
                Map<String, Integer> there;
                try {
                    there = countIn(location);
                } catch (StackpilotException unavailable) {
                    continue; // this bucket stays without a sample there; the home location's is what marks it
                }
                addSamples(batch, projects, there, bucket, collectedAt, StatsLocations.key(location));
            }
        }
        int inserted = samples.insertIfAbsent(batch);
        return new CollectionOutcome(bucket, projects.size(), total, inserted);
    }

    /** Adds a sample per project and the total, in one location; returns the total. */
    private static int addSamples(List<StatsSample> batch, List<ProjectRef> projects, Map<String, Integer> active,
                                  Instant bucket, Instant collectedAt, String location) {
        int total = 0;
        for (ProjectRef project : projects) {
            int running = active.getOrDefault(project.id(), 0);
            total += running;
            batch.add(new StatsSample(project.id(), bucket, running, SampleSource.LIVE, collectedAt, location));
        }
        batch.add(new StatsSample(StatsSample.TOTAL, bucket, total, SampleSource.LIVE, collectedAt, location));
        return total;
    }

    /** The ACTIVE servers of another location by owner: Nova's project in the identity cloud, the metadata elsewhere. */
    private Map<String, Integer> countIn(Location location) {
        Session session = elsewhere.serviceSessions().apply(location);
        if (location.cloud().equals(elsewhere.homeCloud())) {
            return countActive(session, true, Server::projectId);
        }
        String provider = session.project().id();
        return countActive(session, false, server -> server.projectId().equals(provider)
                ? server.metadata().get(StatsLocations.OWNER_METADATA_KEY) : null);
    }

    private Map<String, Integer> countActive(Session session, boolean allProjects, Function<Server, String> owner) {
        Map<String, Integer> counts = new HashMap<>();
        ServerQuery query = allProjects ? ServerQuery.allProjects(ServerStatus.ACTIVE)
                : new ServerQuery(ServerStatus.ACTIVE, null, null, null, false, null);
        while (true) {
            Page<Server> page = compute.listServers(session, query);
            for (Server server : page.items()) {
                // The query filters already; checking again keeps a lax adapter from inflating the counts.
                String project = owner.apply(server);
                if (server.status() == ServerStatus.ACTIVE && project != null) {
                    counts.merge(project, 1, Integer::sum);
                }
            }
            if (page.next().isEmpty()) {
                return counts;
            }
            // Only reached with a gateway that pages despite no limit; follow it rather than undercount.
            query = new ServerQuery(ServerStatus.ACTIVE, null, null, page.nextMarker(), allProjects, null);
        }
    }

    /** What one collection did: how many projects, their total, and how many samples were new (0 if repeated). */
    public record CollectionOutcome(Instant bucket, int projects, int total, int inserted) {
    }
}
