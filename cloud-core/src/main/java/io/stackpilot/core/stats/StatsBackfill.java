package io.stackpilot.core.stats;

import io.stackpilot.core.common.Require;
import io.stackpilot.core.compute.ComputeGateway;
import io.stackpilot.core.compute.ServerUsage;
import io.stackpilot.core.identity.ProjectRef;
import io.stackpilot.core.identity.Session;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Reconstructs the samples of completed buckets that nobody collected (the service was down, or the cloud failed
 * for a whole interval) from the cloud's usage report (Nova's {@code os-simple-tenant-usage}), and stores them as
 * {@link SampleSource#BACKFILL} with {@link StatsSampleRepository#insertIfAbsent}, so live samples are never
 * overwritten and running it twice or on two replicas at once is harmless.
 *
 * <p>Window: the completed buckets that are both inside the retention and among the last
 * {@link StatsQuery#MAX_POINTS} buckets (what the report can show); the current bucket is left to the live
 * collector. One usage call per run covers the whole missing range, none when nothing is missing.
 *
 * <p>Limits: the usage report knows when a server existed (created, deleted), not when it was ACTIVE; a server that
 * existed at a bucket's start counts ({@link ServerUsage#existedAt}), even if it was SHUTOFF, building or in error
 * then. Backfilled counts are therefore an upper bound of what a live sample would have said. Servers whose usage
 * record the cloud has purged (long deleted) are missing from it, so old backfills can also undercount. Thread-safe
 * when its collaborators are.
 */
public final class StatsBackfill {
    private final ComputeGateway compute;
    private final Supplier<Session> serviceSession;
    private final Supplier<List<ProjectRef>> allowedProjects;
    private final StatsSampleRepository samples;
    private final StatsBuckets buckets;
    private final Duration retention;
    private final Clock clock;

    public StatsBackfill(ComputeGateway compute, Supplier<Session> serviceSession,
                         Supplier<List<ProjectRef>> allowedProjects, StatsSampleRepository samples,
                         StatsBuckets buckets, Duration retention, Clock clock) {
        this.compute = Require.notNull(compute, "compute");
        this.serviceSession = Require.notNull(serviceSession, "serviceSession");
        this.allowedProjects = Require.notNull(allowedProjects, "allowedProjects");
        this.samples = Require.notNull(samples, "samples");
        this.buckets = Require.notNull(buckets, "buckets");
        this.retention = StatsRetention.requireValid(retention, buckets);
        this.clock = Require.notNull(clock, "clock");
    }

    /** Fills the missing buckets of the window ending before the current bucket; see the class comment. */
    public BackfillOutcome backfill() {
        Instant current = buckets.bucketOf(clock.instant());
        Instant from = latest(buckets.minus(current, StatsQuery.MAX_POINTS),
                buckets.firstAtOrAfter(clock.instant().minus(retention)));
        List<ProjectRef> projects = allowedProjects.get();
        Map<String, List<Instant>> missing = missingBuckets(projects, from, current);
        TreeSet<Instant> allMissing = new TreeSet<>();
        missing.values().forEach(allMissing::addAll);
        if (allMissing.isEmpty()) {
            return new BackfillOutcome(from, current, 0, 0);
        }
        Instant start = allMissing.first();
        Instant end = buckets.next(allMissing.last());
        List<ServerUsage> usage = compute.usage(serviceSession.get(), start, end);
        List<StatsSample> batch = reconstruct(projects, missing, usage);
        int inserted = samples.insertIfAbsent(batch);
        return new BackfillOutcome(from, current, allMissing.size(), inserted);
    }

    /** Per project id (and the total), the buckets in [from, to) without a sample, oldest first. */
    private Map<String, List<Instant>> missingBuckets(List<ProjectRef> projects, Instant from, Instant to) {
        List<Instant> window = buckets.between(from, to);
        Map<String, List<Instant>> missing = new LinkedHashMap<>();
        List<String> ids = new ArrayList<>(projects.stream().map(ProjectRef::id).toList());
        ids.add(StatsSample.TOTAL);
        for (String id : ids) {
            TreeSet<Instant> present = new TreeSet<>(samples.bucketsPresent(id, from, to));
            List<Instant> absent = window.stream().filter(bucket -> !present.contains(bucket)).toList();
            if (!absent.isEmpty()) {
                missing.put(id, absent);
            }
        }
        return missing;
    }

    private List<StatsSample> reconstruct(List<ProjectRef> projects, Map<String, List<Instant>> missing,
                                          List<ServerUsage> usage) {
        Map<String, List<ServerUsage>> byProject = new HashMap<>();
        for (ServerUsage lifetime : usage) {
            byProject.computeIfAbsent(lifetime.projectId(), id -> new ArrayList<>()).add(lifetime);
        }
        List<ServerUsage> allowedUsage = projects.stream()
                .flatMap(project -> byProject.getOrDefault(project.id(), List.of()).stream())
                .toList();
        Instant collectedAt = clock.instant();
        List<StatsSample> batch = new ArrayList<>();
        missing.forEach((projectId, absent) -> {
            List<ServerUsage> lifetimes = StatsSample.TOTAL.equals(projectId)
                    ? allowedUsage : byProject.getOrDefault(projectId, List.of());
            for (Instant bucket : absent) {
                int existed = (int) lifetimes.stream().filter(l -> l.existedAt(bucket)).count();
                batch.add(new StatsSample(projectId, bucket, existed, SampleSource.BACKFILL, collectedAt));
            }
        });
        return batch;
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /**
     * What one run did: the window [from, to) it looked at, how many distinct buckets lacked a sample for some
     * project or the total, and how many samples it stored.
     */
    public record BackfillOutcome(Instant from, Instant to, int missingBuckets, int inserted) {
    }
}
