package io.stackpilot.persistence.audit;

import io.stackpilot.core.audit.AuditEntry;
import io.stackpilot.core.audit.AuditLogRepository;
import io.stackpilot.core.audit.AuditQuery;
import io.stackpilot.core.common.Page;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

/**
 * The audit log in table {@code api_request}. Times are stored with microsecond precision (PostgreSQL's), so an
 * entry reads back with its time truncated to microseconds. Thread-safe.
 */
public final class JdbiAuditLogRepository implements AuditLogRepository {
    private static final String INSERT = """
            INSERT INTO api_request (id, at, request_id, method, route, path, query, status, duration_ms, user_id,
                                     user_name, project_id, project_name, client_address, user_agent, replica_id,
                                     upstream_request_ids)
            VALUES (:id, :at, :requestId, :method, :route, :path, :query, :status, :durationMs, :userId, :userName,
                    :projectId, :projectName, :clientAddress, :userAgent, :replicaId, :upstreamRequestIds)
            ON CONFLICT (id) DO NOTHING""";

    private final Jdbi jdbi;

    public JdbiAuditLogRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void appendAll(List<AuditEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        jdbi.useTransaction(handle -> {
            PreparedBatch batch = handle.prepareBatch(INSERT);
            for (AuditEntry entry : entries) {
                batch.bind("id", entry.id())
                        .bind("at", entry.at().truncatedTo(ChronoUnit.MICROS))
                        .bind("requestId", entry.requestId())
                        .bind("method", entry.method())
                        .bind("route", entry.route())
                        .bind("path", entry.path())
                        .bind("query", entry.query())
                        .bind("status", entry.status())
                        .bind("durationMs", entry.durationMs())
                        .bind("userId", entry.userId())
                        .bind("userName", entry.userName())
                        .bind("projectId", entry.projectId())
                        .bind("projectName", entry.projectName())
                        .bind("clientAddress", entry.clientAddress())
                        .bind("userAgent", entry.userAgent())
                        .bind("replicaId", entry.replicaId())
                        .bind("upstreamRequestIds", entry.upstreamRequestIds().toArray(String[]::new))
                        .add();
            }
            batch.execute();
        });
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
            return statement.map(new AuditEntryRowMapper()).list();
        });
        if (rows.size() <= query.limit()) {
            return Page.last(rows);
        }
        List<AuditEntry> page = new ArrayList<>(rows.subList(0, query.limit()));
        return new Page<>(page, page.getLast().id().toString());
    }
}
