package io.stackpilot.core.preemption;

import java.util.List;

/** The eviction records (PostgreSQL implements it; an in-memory fake for tests). Thread-safe. */
public interface PreemptionRepository {

    /** Stores one eviction; storing the same id again changes nothing. */
    void record(Eviction eviction);

    /** The project's evictions (its servers that were evicted), newest first, at most {@code limit}. */
    List<Eviction> listForProject(String projectId, int limit);
}
