package io.stackpilot.core.testing;

import io.stackpilot.core.preemption.Eviction;
import io.stackpilot.core.preemption.PreemptionRepository;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The eviction records in memory. Thread-safe. */
public final class InMemoryPreemptionRepository implements PreemptionRepository {
    private final List<Eviction> evictions = new ArrayList<>();

    @Override
    public synchronized void record(Eviction eviction) {
        if (evictions.stream().noneMatch(existing -> existing.id().equals(eviction.id()))) {
            evictions.add(eviction);
        }
    }

    @Override
    public synchronized List<Eviction> listForProject(String projectId, int limit) {
        return evictions.stream().filter(eviction -> eviction.projectId().equals(projectId))
                .sorted(Comparator.comparing(Eviction::preemptedAt).reversed()).limit(limit).toList();
    }

    public synchronized List<Eviction> all() {
        return List.copyOf(evictions);
    }
}
