package io.stackpilot.persistence.audit;

import io.stackpilot.core.audit.AuditEntry;
import io.stackpilot.core.audit.AuditLogRepository;
import io.stackpilot.core.audit.AuditQuery;
import io.stackpilot.core.common.Page;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The audit log in table {@code api_request}, partitioned by month ({@link AuditPartitions}). Times are stored with microsecond precision (PostgreSQL's), so an
 * entry reads back with its time truncated to microseconds. Thread-safe.
 *
 * <p>Writes are a SQL Object; {@link #find} stays on the fluent API because its WHERE clause depends on which
 * filters are set ({@link AuditSelect}), which a fixed annotated statement cannot express without defeating the
 * indexes ({@code :x IS NULL OR ...}).
 */
public final class JdbiAuditLogRepository implements AuditLogRepository {
    private final Jdbi jdbi;
    private final AuditSql sql;
    private final AuditPartitions partitions;

    public JdbiAuditLogRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
        this.sql = jdbi.onDemand(AuditSql.class);
        this.partitions = new AuditPartitions(jdbi);
    }

    /**
     * One binary {@code COPY} per batch ({@link AuditCopy}): no statement to parse or plan and no text to convert on
     * the database's side. A re-sent batch (ids already stored) fails the COPY as a whole and is stored by the
     * multi-row {@code INSERT ... SELECT FROM unnest(arrays) ON CONFLICT DO NOTHING} instead ({@link AuditRows}).
     */
    @Override
    public void appendAll(List<AuditEntry> entries) {
        if (!entries.isEmpty()) {
            jdbi.useHandle(handle -> AuditCopy.insert(handle.getConnection(), entries));
        }
    }

    /**
     * Newest first by (at, id), ids compared as PostgreSQL compares uuids (unsigned, byte by byte). A marker that
     * names no stored entry yields an empty page.
     */
    @Override
    public Page<AuditEntry> find(AuditQuery query) {
        AuditSelect select = AuditSelect.of(query);
        List<AuditEntry> rows = jdbi.withHandle(handle -> {
            Query statement = handle.createQuery(select.sql());
            select.parameters().forEach(statement::bind);
            return statement.map(ConstructorMapper.of(AuditEntry.class)).list();
        });
        if (rows.size() <= query.limit()) {
            return Page.last(rows);
        }
        List<AuditEntry> page = new ArrayList<>(rows.subList(0, query.limit()));
        return new Page<>(page, page.getLast().id().toString());
    }

    @Override
    public int deleteOlderThan(Instant cutoff, int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be positive, was " + maxEntries);
        }
        return sql.deleteOldest(cutoff, maxEntries);
    }

    /** Creates the missing monthly partitions of {@code api_request} ({@link AuditPartitions}). */
    @Override
    public void prepareMonths(Instant from, Instant until) {
        partitions.create(AuditPartitions.monthOf(from), AuditPartitions.monthOf(until));
    }

    /** Drops the partitions of {@code api_request} that end at or before the cutoff ({@link AuditPartitions}). */
    @Override
    public int dropMonthsBefore(Instant cutoff) {
        return partitions.dropBefore(cutoff);
    }

    interface AuditSql {
        /**
         * Oldest first through the (at, id) index, so each batch is a short range scan and a short lock; the outer
         * {@code at < :cutoff} confines the delete to the partitions before the cutoff.
         */
        @SqlUpdate("""
                DELETE FROM api_request WHERE at < :cutoff AND (id, at) IN (
                    SELECT id, at FROM api_request WHERE at < :cutoff ORDER BY at, id LIMIT :maxEntries)""")
        int deleteOldest(Instant cutoff, int maxEntries);
    }
}
