package io.stackpilot.persistence.audit;

import io.stackpilot.core.audit.AuditEntry;
import io.stackpilot.persistence.db.Columns;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Maps an {@code api_request} row to an {@link AuditEntry}. */
final class AuditEntryRowMapper implements RowMapper<AuditEntry> {

    @Override
    public AuditEntry map(ResultSet row, StatementContext context) throws SQLException {
        return new AuditEntry(
                row.getObject("id", UUID.class),
                Columns.instant(row, "at"),
                row.getString("request_id"),
                row.getString("method"),
                row.getString("route"),
                row.getString("path"),
                row.getString("query"),
                row.getInt("status"),
                row.getLong("duration_ms"),
                row.getString("user_id"),
                row.getString("user_name"),
                row.getString("project_id"),
                row.getString("project_name"),
                row.getString("client_address"),
                row.getString("user_agent"),
                row.getString("replica_id"),
                upstreamRequestIds(row.getArray("upstream_request_ids")));
    }

    private static List<String> upstreamRequestIds(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        try {
            return List.of((String[]) array.getArray());
        } finally {
            array.free();
        }
    }
}
