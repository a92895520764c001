package io.stackpilot.core.stats;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** Stored samples of running servers (PostgreSQL implements it). Thread-safe. */
public interface StatsSampleRepository {

    /**
     * Stores each sample unless one for its (project, location, bucket) exists already, in one transaction; safe when
     * several replicas insert the same samples at once. Returns how many were new.
     */
    int insertIfAbsent(Collection<StatsSample> samples);

    /** Samples of the project with bucket in [from, to), of every location, oldest first (then by location). */
    List<StatsSample> find(String projectId, Instant from, Instant to);

    /**
     * The buckets in [from, to) for which the project has a sample of the identity cloud's own location
     * ({@link StatsSample#HOME}), oldest first: the buckets collected or backfilled there.
     */
    List<Instant> bucketsPresent(String projectId, Instant from, Instant to);

    /** Deletes samples with a bucket before the instant; returns how many. Idempotent. */
    int deleteOlderThan(Instant bucket);
}
