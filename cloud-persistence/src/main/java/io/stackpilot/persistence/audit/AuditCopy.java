package io.stackpilot.persistence.audit;

import io.stackpilot.core.audit.AuditEntry;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

/**
 * A batch of audit entries as one binary {@code COPY api_request FROM STDIN}: every value goes in PostgreSQL's own
 * binary form (uuid as 16 bytes, timestamptz as microseconds since 2000, integers as such, text as UTF-8), so the
 * server parses no text and plans no statement; per row it only checks constraints, routes the row to its month
 * and maintains the indexes. COPY has no {@code ON CONFLICT}: a re-sent batch (the writer retries one whose commit
 * it did not see) fails on the primary key as a whole (a COPY is one statement: all rows or none), and is then
 * stored by {@link AuditRows}, which skips the rows already there. Times are truncated to microseconds, as there.
 */
final class AuditCopy {
    static final String COPY = "COPY api_request (id, at, request_id, method, route, path, query, status, duration_ms, "
            + "user_id, user_name, project_id, project_name, client_address, user_agent, replica_id, "
            + "upstream_request_ids) FROM STDIN (FORMAT binary)";
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    private static final int TEXT_OID = 25;
    /** 2000-01-01T00:00:00Z, PostgreSQL's epoch, in microseconds since 1970. */
    private static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L;
    /** Room reserved per row in the stream: the fields as the server fills them, with room to spare. */
    private static final int ROW_BYTES = 512;

    private AuditCopy() {
    }

    /**
     * Stores the entries (auto-commit: all or none); a batch with an id already stored goes through {@link AuditRows}.
     */
    static int insert(Connection connection, List<AuditEntry> entries) {
        CopyBuffer data = encode(entries);
        try {
            CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY);
            try {
                copy.writeToCopy(data.array(), 0, data.length());
                return (int) copy.endCopy();
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
        } catch (PSQLException failed) {
            if (PSQLState.UNIQUE_VIOLATION.getState().equals(failed.getSQLState())) {
                return AuditRows.insert(connection, entries);
            }
            throw new IllegalStateException("audit copy of " + entries.size() + " rows failed: "
                    + failed.getMessage(), failed);
        } catch (SQLException failed) {
            throw new IllegalStateException("audit copy of " + entries.size() + " rows failed: "
                    + failed.getMessage(), failed);
        }
    }

    /**
     * The COPY binary stream of the entries: header, one tuple of 17 fields per entry, trailer. Sized so that the
     * server's rows (a few hundred bytes each) fit without growing it.
     */
    static CopyBuffer encode(List<AuditEntry> entries) {
        CopyBuffer out = new CopyBuffer(ROW_BYTES * entries.size() + 32);
        out.putBytes(SIGNATURE);
        out.putInt(0);
        out.putInt(0);
        for (AuditEntry entry : entries) {
            out.putShort(17);
            out.putInt(16);
            out.putLong(entry.id().getMostSignificantBits());
            out.putLong(entry.id().getLeastSignificantBits());
            out.putInt(8);
            out.putLong(micros(entry.at()) - POSTGRES_EPOCH_MICROS);
            out.putText(entry.requestId());
            out.putText(entry.method());
            out.putText(entry.route());
            out.putText(entry.path());
            out.putText(entry.query());
            out.putInt(4);
            out.putInt(entry.status());
            out.putInt(8);
            out.putLong(entry.durationMs());
            out.putText(entry.userId());
            out.putText(entry.userName());
            out.putText(entry.projectId());
            out.putText(entry.projectName());
            out.putText(entry.clientAddress());
            out.putText(entry.userAgent());
            out.putText(entry.replicaId());
            textArray(out, entry.upstreamRequestIds());
        }
        out.putShort(-1);
        return out;
    }

    private static long micros(Instant at) {
        return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1_000);
    }

    /** A one-dimensional text[] in binary form (no NULL elements; an empty list is the empty array). */
    private static void textArray(CopyBuffer out, List<String> values) {
        byte[][] elements = new byte[values.size()][];
        int length = values.isEmpty() ? 12 : 20;
        for (int i = 0; i < elements.length; i++) {
            elements[i] = values.get(i).getBytes(StandardCharsets.UTF_8);
            length += 4 + elements[i].length;
        }
        out.putInt(length);
        out.putInt(values.isEmpty() ? 0 : 1);
        out.putInt(0);
        out.putInt(TEXT_OID);
        if (!values.isEmpty()) {
            out.putInt(values.size());
            out.putInt(1);
            for (byte[] element : elements) {
                out.putInt(element.length);
                out.putBytes(element);
            }
        }
    }
}
