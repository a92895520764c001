package io.stackpilot.server.jobs;

import io.stackpilot.core.stats.SampleSource;
import io.stackpilot.core.stats.StatsSample;
import io.stackpilot.core.stats.StatsSampleRepository;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Wraps a sample repository and counts the live samples offered and actually stored, to see repeated work. */
final class CountingStatsSampleRepository implements StatsSampleRepository {
    private final StatsSampleRepository delegate;
    private final AtomicInteger liveOffered = new AtomicInteger();
    private final AtomicInteger liveStored = new AtomicInteger();

    CountingStatsSampleRepository(StatsSampleRepository delegate) {
        this.delegate = delegate;
    }

    @Override
    public int insertIfAbsent(Collection<StatsSample> samples) {
        int stored = delegate.insertIfAbsent(samples);
        if (samples.stream().allMatch(s -> s.source() == SampleSource.LIVE)) {
            liveOffered.addAndGet(samples.size());
            liveStored.addAndGet(stored);
        }
        return stored;
    }

    @Override
    public List<StatsSample> find(String projectId, Instant from, Instant to) {
        return delegate.find(projectId, from, to);
    }

    @Override
    public List<Instant> bucketsPresent(String projectId, Instant from, Instant to) {
        return delegate.bucketsPresent(projectId, from, to);
    }

    @Override
    public int deleteOlderThan(Instant bucket) {
        return delegate.deleteOlderThan(bucket);
    }

    int liveOffered() {
        return liveOffered.get();
    }

    int liveStored() {
        return liveStored.get();
    }
}
