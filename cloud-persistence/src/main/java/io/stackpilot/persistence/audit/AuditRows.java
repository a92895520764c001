package io.stackpilot.persistence.audit;

import io.stackpilot.core.audit.AuditEntry;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Function;

/**
 * A batch of audit entries as one multi-row {@code INSERT ... SELECT FROM unnest(arrays)}: each column travels as
 * one text array, cast to its type by PostgreSQL. The upstream request ids of a row (an array themselves) travel
 * as array literals, because unnest cannot take an array of arrays of different lengths. A re-sent entry (same id)
 * is skipped. Times are truncated to microseconds, PostgreSQL's precision, as the single-row insert stored them.
 */
final class AuditRows {
    private static final String INSERT = """
            INSERT INTO api_request (id, at, request_id, method, route, path, query, status, duration_ms,
                                     user_id, user_name, project_id, project_name, client_address, user_agent,
                                     replica_id, upstream_request_ids)
            SELECT id::uuid, at::timestamptz, request_id, method, route, path, query, status::integer,
                   duration_ms::bigint, user_id, user_name, project_id, project_name, client_address, user_agent,
                   replica_id, upstream::text[]
            FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                        ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                        ?::text[])
                 AS r(id, at, request_id, method, route, path, query, status, duration_ms, user_id, user_name,
                      project_id, project_name, client_address, user_agent, replica_id, upstream)
            ON CONFLICT (id, at) DO NOTHING""";

    private static final List<Function<AuditEntry, String>> COLUMNS = List.of(
            entry -> entry.id().toString(),
            entry -> entry.at().truncatedTo(ChronoUnit.MICROS).toString(),
            AuditEntry::requestId, AuditEntry::method, AuditEntry::route, AuditEntry::path, AuditEntry::query,
            entry -> Integer.toString(entry.status()), entry -> Long.toString(entry.durationMs()),
            AuditEntry::userId, AuditEntry::userName, AuditEntry::projectId, AuditEntry::projectName,
            AuditEntry::clientAddress, AuditEntry::userAgent, AuditEntry::replicaId,
            entry -> arrayLiteral(entry.upstreamRequestIds()));

    private AuditRows() {
    }

    /** Inserts the entries in one statement (auto-commit: all or none); returns how many were new. */
    static int insert(Connection connection, List<AuditEntry> entries) {
        try (PreparedStatement statement = connection.prepareStatement(INSERT)) {
            for (int column = 0; column < COLUMNS.size(); column++) {
                Function<AuditEntry, String> value = COLUMNS.get(column);
                Array array = connection.createArrayOf("text", entries.stream().map(value).toArray(String[]::new));
                statement.setArray(column + 1, array);
            }
            return statement.executeUpdate();
        } catch (SQLException failed) {
            throw new IllegalStateException("audit insert of " + entries.size() + " rows failed: "
                    + failed.getMessage(), failed);
        }
    }

    /** PostgreSQL's text form of a text array: every element double-quoted, quotes and backslashes escaped. */
    static String arrayLiteral(List<String> values) {
        StringBuilder literal = new StringBuilder("{");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                literal.append(',');
            }
            literal.append('"').append(values.get(i).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return literal.append('}').toString();
    }
}
