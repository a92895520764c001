package io.stackpilot.server.daemon;

import io.stackpilot.core.identity.ProjectRef;
import io.stackpilot.core.stats.AllowedProjects;
import io.stackpilot.core.stats.StatsBuckets;
import io.stackpilot.core.stats.StatsCollector;
import io.stackpilot.core.testing.InMemoryStatsSampleRepository;
import io.stackpilot.core.testing.MutableClock;
import io.stackpilot.openstack.CloudSettings;
import io.stackpilot.openstack.OpenStackCloud;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Times {@link StatsCollector#collect} through the real OpenStack adapter against a cloud given by {@code OS_*}
 * variables, counting the HTTP calls per service: the figures of the statistics section of docs/benchmarks.md. Not thread-safe.
 */
final class StatsCollectionCost {
    private StatsCollectionCost() {
    }

    /** What {@code runs} collections cost: calls per collection by service, and times. */
    record Result(int runs, int projects, int running, Map<String, Integer> callsPerCollection, double medianMillis,
                  double maxMillis) {
        String line(String label) {
            return String.format("%s: %d projects, %d running: per collection %s calls; median %.1f ms, max %.1f ms"
                    + " over %d collections", label, projects, running, callsPerCollection, medianMillis, maxMillis,
                    runs);
        }
    }

    static Result measure(Map<String, String> osEnvironment, Predicate<ProjectRef> allowed, int warmups, int runs) {
        List<String> problems = new ArrayList<>();
        CloudSettings settings = CloudSettings.fromEnvironment(osEnvironment, problems);
        if (settings == null) {
            throw new IllegalStateException("bad OpenStack settings: " + problems);
        }
        Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        MutableClock clock = MutableClock.at("2026-11-22T00:00:00Z");
        InMemoryStatsSampleRepository samples = new InMemoryStatsSampleRepository();
        try (OpenStackCloud cloud = OpenStackCloud.connect(settings, (service, method, status, elapsed) ->
                calls.computeIfAbsent(service, s -> new AtomicInteger()).incrementAndGet())) {
            AllowedProjects projects = AllowedProjects.of(cloud.identity(), allowed);
            StatsCollector collector = new StatsCollector(cloud.compute(), cloud::serviceSession, projects, samples,
                    StatsBuckets.hourly(), clock);
            Instant bucket = clock.instant();
            for (int i = 0; i < warmups; i++) {
                collector.collect(bucket);
                bucket = bucket.plus(Duration.ofHours(1));
            }
            calls.clear();
            long[] nanos = new long[runs];
            StatsCollector.CollectionOutcome outcome = null;
            for (int i = 0; i < runs; i++) {
                long start = System.nanoTime();
                outcome = collector.collect(bucket);
                nanos[i] = System.nanoTime() - start;
                bucket = bucket.plus(Duration.ofHours(1));
            }
            Arrays.sort(nanos);
            Map<String, Integer> perCollection = new TreeMap<>();
            calls.forEach((service, count) -> perCollection.put(service, count.get() / runs));
            return new Result(runs, outcome.projects(), outcome.total(), perCollection, nanos[runs / 2] / 1e6,
                    nanos[runs - 1] / 1e6);
        }
    }
}
