package io.stackpilot.persistence.stats;

import io.stackpilot.core.stats.StatsSample;
import io.stackpilot.core.stats.StatsSampleRepository;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import io.stackpilot.core.stats.SampleSource;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/**
 * Samples in table {@code server_count_sample}, unique per (project, location, bucket); replicas that insert the same
 * sample at once store it once ({@code ON CONFLICT DO NOTHING}). The source is stored in lower case; the identity
 * cloud's own location is {@code ''} (the column's default, which the rows from before locations got). Thread-safe.
 */
public final class JdbiStatsSampleRepository implements StatsSampleRepository {
    /** Rows are inserted in key order so that concurrent batches lock them in the same order (no deadlock). */
    private static final Comparator<StatsSample> KEY_ORDER =
            Comparator.comparing(StatsSample::projectId).thenComparing(StatsSample::location)
                    .thenComparing(StatsSample::bucket);

    private final SampleSql sql;

    public JdbiStatsSampleRepository(Jdbi jdbi) {
        this.sql = jdbi.onDemand(SampleSql.class);
    }

    @Override
    public int insertIfAbsent(Collection<StatsSample> samples) {
        if (samples.isEmpty()) {
            return 0;
        }
        // Each row's count is 1 when inserted and 0 when the key was there already.
        return IntStream.of(sql.insert(samples.stream().sorted(KEY_ORDER).toList())).sum();
    }

    @Override
    public List<StatsSample> find(String projectId, Instant from, Instant to) {
        return sql.find(projectId, from, to);
    }

    @Override
    public List<Instant> bucketsPresent(String projectId, Instant from, Instant to) {
        return sql.buckets(projectId, from, to);
    }

    @Override
    public int deleteOlderThan(Instant bucket) {
        return sql.deleteOlderThan(bucket);
    }

    interface SampleSql {
        @SqlBatch("""
                INSERT INTO server_count_sample (project_id, location, bucket, running, source, collected_at)
                VALUES (:projectId, :location, :bucket, :running, lower(:source), :collectedAt)
                ON CONFLICT (project_id, location, bucket) DO NOTHING""")
        @Transaction
        int[] insert(@BindMethods List<StatsSample> samples);

        @SqlQuery("""
                SELECT project_id, bucket, running, upper(source) AS source, collected_at, location
                FROM server_count_sample
                WHERE project_id = :projectId AND bucket >= :from AND bucket < :to
                ORDER BY bucket, location""")
        @RegisterRowMapper(SampleRow.class)
        List<StatsSample> find(String projectId, Instant from, Instant to);

        @SqlQuery("""
                SELECT bucket FROM server_count_sample
                WHERE project_id = :projectId AND location = '' AND bucket >= :from AND bucket < :to
                ORDER BY bucket""")
        List<Instant> buckets(String projectId, Instant from, Instant to);

        @SqlUpdate("DELETE FROM server_count_sample WHERE bucket < :bucket")
        int deleteOlderThan(Instant bucket);
    }

    /** A row as a sample (the record has two constructors, so it is mapped here rather than by reflection). */
    public static final class SampleRow implements RowMapper<StatsSample> {
        @Override
        public StatsSample map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new StatsSample(rs.getString("project_id"), rs.getObject("bucket", OffsetDateTime.class).toInstant(),
                    rs.getInt("running"), SampleSource.valueOf(rs.getString("source")),
                    rs.getObject("collected_at", OffsetDateTime.class).toInstant(), rs.getString("location"));
        }
    }
}
