package io.stackpilot.core.testing;

import io.stackpilot.core.stats.StatsSample;
import io.stackpilot.core.stats.StatsSampleRepository;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** In-memory {@link StatsSampleRepository} for tests; same contract as the PostgreSQL one. Thread-safe. */
public final class InMemoryStatsSampleRepository implements StatsSampleRepository {
    private final Map<String, StatsSample> samples = new TreeMap<>();

    @Override
    public synchronized int insertIfAbsent(Collection<StatsSample> batch) {
        int added = 0;
        for (StatsSample sample : batch) {
            if (samples.putIfAbsent(key(sample.projectId(), sample.location(), sample.bucket()), sample) == null) {
                added++;
            }
        }
        return added;
    }

    @Override
    public synchronized List<StatsSample> find(String projectId, Instant from, Instant to) {
        return samples.values().stream()
                .filter(s -> s.projectId().equals(projectId))
                .filter(s -> !s.bucket().isBefore(from) && s.bucket().isBefore(to))
                .sorted(java.util.Comparator.comparing(StatsSample::bucket).thenComparing(StatsSample::location))
                .toList();
    }

    @Override
    public synchronized List<Instant> bucketsPresent(String projectId, Instant from, Instant to) {
        return find(projectId, from, to).stream().filter(s -> s.location().equals(StatsSample.HOME))
                .map(StatsSample::bucket).toList();
    }

    @Override
    public synchronized int deleteOlderThan(Instant bucket) {
        int before = samples.size();
        samples.values().removeIf(s -> s.bucket().isBefore(bucket));
        return before - samples.size();
    }

    public synchronized List<StatsSample> all() {
        return List.copyOf(samples.values());
    }

    private static String key(String projectId, String location, Instant bucket) {
        return projectId + "@" + location + "@" + bucket;
    }
}
