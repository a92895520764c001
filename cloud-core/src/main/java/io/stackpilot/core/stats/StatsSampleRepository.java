package io.stackpilot.core.stats;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** Stored samples of running servers (PostgreSQL implements it). Thread-safe. */
public interface StatsSampleRepository {

    /**
     * Stores each sample unless one for its (project, bucket) exists already, in one transaction; safe when several
     * replicas insert the same samples at once. Returns how many were new.
     */
    int insertIfAbsent(Collection<StatsSample> samples);

    /** Samples of the project with bucket in [from, to), oldest first. */
    List<StatsSample> find(String projectId, Instant from, Instant to);

    /** The buckets in [from, to) for which the project has a sample, oldest first. */
    List<Instant> bucketsPresent(String projectId, Instant from, Instant to);

    /** Deletes samples with a bucket before the instant; returns how many. Idempotent. */
    int deleteOlderThan(Instant bucket);
}
