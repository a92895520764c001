package io.stackpilot.persistence.stats;

import io.stackpilot.core.stats.SampleSource;
import io.stackpilot.core.stats.StatsSample;
import io.stackpilot.core.stats.StatsSampleRepository;
import io.stackpilot.persistence.db.Columns;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Samples in table {@code server_count_sample}, unique per (project, bucket); replicas that insert the same sample
 * at once store it once ({@code ON CONFLICT DO NOTHING}). Thread-safe.
 */
public final class JdbiStatsSampleRepository implements StatsSampleRepository {
    private static final String INSERT = """
            INSERT INTO server_count_sample (project_id, bucket, running, source, collected_at)
            VALUES (:projectId, :bucket, :running, :source, :collectedAt)
            ON CONFLICT (project_id, bucket) DO NOTHING""";
    private static final String SELECT_RANGE = """
            SELECT project_id, bucket, running, source, collected_at
            FROM server_count_sample
            WHERE project_id = :projectId AND bucket >= :from AND bucket < :to
            ORDER BY bucket""";
    private static final String SELECT_BUCKETS = """
            SELECT bucket FROM server_count_sample
            WHERE project_id = :projectId AND bucket >= :from AND bucket < :to
            ORDER BY bucket""";
    private static final String DELETE_OLDER = "DELETE FROM server_count_sample WHERE bucket < :bucket";
    /** Rows are inserted in key order so that concurrent batches lock them in the same order (no deadlock). */
    private static final Comparator<StatsSample> KEY_ORDER =
            Comparator.comparing(StatsSample::projectId).thenComparing(StatsSample::bucket);

    private final Jdbi jdbi;

    public JdbiStatsSampleRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public int insertIfAbsent(Collection<StatsSample> samples) {
        if (samples.isEmpty()) {
            return 0;
        }
        return jdbi.inTransaction(handle -> {
            PreparedBatch batch = handle.prepareBatch(INSERT);
            samples.stream().sorted(KEY_ORDER).forEach(sample -> batch
                    .bind("projectId", sample.projectId())
                    .bind("bucket", sample.bucket())
                    .bind("running", sample.running())
                    .bind("source", sample.source().name().toLowerCase(Locale.ROOT))
                    .bind("collectedAt", sample.collectedAt())
                    .add());
            int inserted = 0;
            for (int count : batch.execute()) {
                inserted += count;
            }
            return inserted;
        });
    }

    @Override
    public List<StatsSample> find(String projectId, Instant from, Instant to) {
        return jdbi.withHandle(handle -> handle.createQuery(SELECT_RANGE)
                .bind("projectId", projectId)
                .bind("from", from)
                .bind("to", to)
                .map((row, context) -> new StatsSample(
                        row.getString("project_id"),
                        Columns.instant(row, "bucket"),
                        row.getInt("running"),
                        SampleSource.valueOf(row.getString("source").toUpperCase(Locale.ROOT)),
                        Columns.instant(row, "collected_at")))
                .list());
    }

    @Override
    public List<Instant> bucketsPresent(String projectId, Instant from, Instant to) {
        return jdbi.withHandle(handle -> handle.createQuery(SELECT_BUCKETS)
                .bind("projectId", projectId)
                .bind("from", from)
                .bind("to", to)
                .mapTo(Instant.class)
                .list());
    }

    @Override
    public int deleteOlderThan(Instant bucket) {
        return jdbi.withHandle(handle -> handle.createUpdate(DELETE_OLDER).bind("bucket", bucket).execute());
    }
}
