package io.stackpilot.core.stats;

import io.stackpilot.core.common.Page;
import io.stackpilot.core.common.Require;
import io.stackpilot.core.compute.ComputeGateway;
import io.stackpilot.core.compute.Server;
import io.stackpilot.core.compute.ServerQuery;
import io.stackpilot.core.compute.ServerStatus;
import io.stackpilot.core.identity.ProjectRef;
import io.stackpilot.core.identity.Session;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    /**
     * @param serviceSession the service account's session (admin, to list all projects' servers), asked per call
     *                       so that a renewed token is picked up
     */
    public StatsCollector(ComputeGateway compute, Supplier<Session> serviceSession,
                          Supplier<List<ProjectRef>> allowedProjects, StatsSampleRepository samples,
                          StatsBuckets buckets, Clock clock) {
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
        Map<String, Integer> active = projects.isEmpty() ? Map.of() : countActiveByProject();
        Instant collectedAt = clock.instant();
        List<StatsSample> batch = new ArrayList<>(projects.size() + 1);
        int total = 0;
        for (ProjectRef project : projects) {
            int running = active.getOrDefault(project.id(), 0);
            total += running;
            batch.add(new StatsSample(project.id(), bucket, running, SampleSource.LIVE, collectedAt));
        }
        batch.add(new StatsSample(StatsSample.TOTAL, bucket, total, SampleSource.LIVE, collectedAt));
        int inserted = samples.insertIfAbsent(batch);
        return new CollectionOutcome(bucket, projects.size(), total, inserted);
    }

    private Map<String, Integer> countActiveByProject() {
        Session session = serviceSession.get();
        Map<String, Integer> counts = new HashMap<>();
        ServerQuery query = ServerQuery.allProjects(ServerStatus.ACTIVE);
        while (true) {
            Page<Server> page = compute.listServers(session, query);
            for (Server server : page.items()) {
                // The query filters already; checking again keeps a lax adapter from inflating the counts.
                if (server.status() == ServerStatus.ACTIVE) {
                    counts.merge(server.projectId(), 1, Integer::sum);
                }
            }
            if (page.next().isEmpty()) {
                return counts;
            }
            // Only reached with a gateway that pages despite no limit; follow it rather than undercount.
            query = new ServerQuery(ServerStatus.ACTIVE, null, null, page.nextMarker(), true, null);
        }
    }

    /** What one collection did: how many projects, their total, and how many samples were new (0 if repeated). */
    public record CollectionOutcome(Instant bucket, int projects, int total, int inserted) {
    }
}
