package io.stackpilot.bench;

import io.stackpilot.core.stats.AllowedProjects;
import io.stackpilot.core.stats.StatsBuckets;
import io.stackpilot.core.stats.StatsCollector;
import io.stackpilot.core.stats.StatsSample;
import io.stackpilot.core.stats.StatsSampleRepository;
import io.stackpilot.openstack.CloudSettings;
import io.stackpilot.openstack.OpenStackCloud;
import io.stackpilot.openstack.UpstreamObserver;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Part 4: one statistics collection ({@link StatsCollector}, the real Keystone and Nova adapters) over the bench
 * cloud with 1,000 servers in 1, 10 and 100 projects: time per collection and the OpenStack calls it makes. The
 * bench cloud runs in this JVM (it answers at once; its JSON rendering is part of the time); samples go to an
 * in-memory repository (storing is measured by the persistence module's benchmark).
 *
 * <p>{@code StatsCost <runs>}
 */
public final class StatsCost {
    private static final int SERVERS = 1_000;

    private StatsCost() {
    }

    public static void main(String[] args) {
        int runs = Integer.parseInt(args[0]);
        for (int projects : new int[] {1, 10, 100}) {
            try (BenchCloud stub = new BenchCloud(0, SERVERS, projects);
                 OpenStackCloud cloud = OpenStackCloud.connect(settings(stub), UpstreamObserver.NONE)) {
                StatsCollector collector = new StatsCollector(cloud.compute(), cloud::serviceSession,
                        AllowedProjects.of(cloud.identity(), project -> true), new MemorySamples(),
                        StatsBuckets.hourly(), Clock.systemUTC());
                Instant bucket = Instant.now().truncatedTo(ChronoUnit.HOURS);
                for (int warm = 0; warm < 10; warm++) {
                    collector.collect(bucket.minus(Duration.ofHours(1000 + warm)));
                }
                stub.resetCalls();
                Samples nanos = new Samples();
                StatsCollector.CollectionOutcome outcome = null;
                for (int run = 0; run < runs; run++) {
                    long start = System.nanoTime();
                    outcome = collector.collect(bucket.minus(Duration.ofHours(run)));
                    nanos.add(System.nanoTime() - start);
                }
                Map<String, Long> calls = stub.calls();
                long total = calls.values().stream().mapToLong(Long::longValue).sum();
                Row.print("4 stats", String.format("one collection, %d projects, %d servers (%d ACTIVE counted)",
                                projects, SERVERS, outcome.total()),
                        Samples.ms(nanos.median()) + " p50, " + Samples.ms(nanos.percentile(95)) + " p95",
                        "-", String.format("%.0f OpenStack calls per collection", (double) total / runs),
                        String.format("%s; %d runs; %s", perCollection(calls, runs), runs, Row.load()));
            }
        }
    }

    private static String perCollection(Map<String, Long> calls, int runs) {
        List<String> parts = new ArrayList<>();
        calls.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> parts.add(String.format("%s x%.0f", e.getKey(), (double) e.getValue() / runs)));
        return String.join(", ", parts);
    }

    private static CloudSettings settings(BenchCloud stub) {
        List<String> problems = new ArrayList<>();
        CloudSettings settings = CloudSettings.fromEnvironment(stub.serviceAccount(), problems);
        if (settings == null || !problems.isEmpty()) {
            throw new IllegalStateException(problems.toString());
        }
        return settings;
    }

    /** Samples in a map; insert-if-absent by (project, bucket), like the PostgreSQL repository. */
    private static final class MemorySamples implements StatsSampleRepository {
        private final Map<String, StatsSample> samples = new ConcurrentHashMap<>();

        @Override
        public int insertIfAbsent(Collection<StatsSample> batch) {
            int inserted = 0;
            for (StatsSample sample : batch) {
                if (samples.putIfAbsent(sample.projectId() + "@" + sample.bucket(), sample) == null) {
                    inserted++;
                }
            }
            return inserted;
        }

        @Override
        public List<StatsSample> find(String projectId, Instant from, Instant to) {
            return samples.values().stream().filter(s -> s.projectId().equals(projectId))
                    .filter(s -> !s.bucket().isBefore(from) && s.bucket().isBefore(to)).toList();
        }

        @Override
        public List<Instant> bucketsPresent(String projectId, Instant from, Instant to) {
            return find(projectId, from, to).stream().map(StatsSample::bucket).sorted().toList();
        }

        @Override
        public int deleteOlderThan(Instant bucket) {
            int before = samples.size();
            samples.values().removeIf(s -> s.bucket().isBefore(bucket));
            return before - samples.size();
        }
    }
}
