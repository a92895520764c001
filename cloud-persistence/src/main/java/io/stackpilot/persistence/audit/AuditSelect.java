package io.stackpilot.persistence.audit;

import io.stackpilot.core.audit.AuditQuery;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The SELECT for an {@link AuditQuery}: constant conditions for the filters that are set, every value a bound
 * parameter. One row more than the limit is read to tell whether another page follows.
 */
record AuditSelect(String sql, Map<String, Object> parameters) {
    /** The status the partial index {@code api_request_status_at_idx} leaves out: most rows have it. */
    static final int UNINDEXED_STATUS = 200;
    private static final String COLUMNS = """
            SELECT id, at, request_id, method, route, path, query, status, duration_ms, user_id, user_name,
                   project_id, project_name, client_address, user_agent, replica_id, upstream_request_ids
            FROM api_request
            WHERE TRUE""";

    static AuditSelect of(AuditQuery query) {
        StringBuilder sql = new StringBuilder(COLUMNS);
        Map<String, Object> parameters = new LinkedHashMap<>();
        if (query.since() != null) {
            sql.append(" AND at >= :since");
            parameters.put("since", query.since());
        }
        if (query.until() != null) {
            sql.append(" AND at < :until");
            parameters.put("until", query.until());
        }
        if (query.projectId() != null) {
            sql.append(" AND project_id = :projectId");
            parameters.put("projectId", query.projectId());
        }
        if (query.userId() != null) {
            sql.append(" AND user_id = :userId");
            parameters.put("userId", query.userId());
        }
        if (query.status() != null) {
            sql.append(" AND status = :status");
            parameters.put("status", query.status());
            if (query.status() != UNINDEXED_STATUS) {
                // The status index holds only rows whose status is not 200 (changeset 0015); the planner uses a
                // partial index only when the query states its condition, which a bound value does not.
                sql.append(" AND status <> " + UNINDEXED_STATUS);
            }
        }
        if (query.marker() != null) {
            sql.append(" AND (at, id) < (SELECT marker.at, marker.id FROM api_request marker")
                    .append(" WHERE marker.id = :marker)");
            parameters.put("marker", query.marker());
        }
        sql.append(" ORDER BY at DESC, id DESC LIMIT :rows");
        parameters.put("rows", query.limit() + 1);
        return new AuditSelect(sql.toString(), Map.copyOf(parameters));
    }
}
