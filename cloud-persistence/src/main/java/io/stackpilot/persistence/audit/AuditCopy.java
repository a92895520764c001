package io.stackpilot.persistence.audit;

import io.stackpilot.core.audit.AuditEntry;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.postgresql.PGConnection;
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

    private AuditCopy() {
    }

    /**
     * Stores the entries (auto-commit: all or none); a batch with an id already stored goes through {@link AuditRows}.
     */
    static int insert(Connection connection, List<AuditEntry> entries) {
        byte[] data = encode(entries);
        try {
            long copied = connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn(COPY, new java.io.ByteArrayInputStream(data));
            return (int) copied;
        } catch (PSQLException failed) {
            if (PSQLState.UNIQUE_VIOLATION.getState().equals(failed.getSQLState())) {
                return AuditRows.insert(connection, entries);
            }
            throw new IllegalStateException("audit copy of " + entries.size() + " rows failed: "
                    + failed.getMessage(), failed);
        } catch (SQLException | IOException failed) {
            throw new IllegalStateException("audit copy of " + entries.size() + " rows failed: "
                    + failed.getMessage(), failed);
        }
    }

    /** The COPY binary stream of the entries: header, one tuple of 17 fields per entry, trailer. */
    static byte[] encode(List<AuditEntry> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 * entries.size() + 32);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(SIGNATURE);
            out.writeInt(0);
            out.writeInt(0);
            for (AuditEntry entry : entries) {
                out.writeShort(17);
                out.writeInt(16);
                out.writeLong(entry.id().getMostSignificantBits());
                out.writeLong(entry.id().getLeastSignificantBits());
                out.writeInt(8);
                out.writeLong(micros(entry.at()) - POSTGRES_EPOCH_MICROS);
                text(out, entry.requestId());
                text(out, entry.method());
                text(out, entry.route());
                text(out, entry.path());
                text(out, entry.query());
                out.writeInt(4);
                out.writeInt(entry.status());
                out.writeInt(8);
                out.writeLong(entry.durationMs());
                text(out, entry.userId());
                text(out, entry.userName());
                text(out, entry.projectId());
                text(out, entry.projectName());
                text(out, entry.clientAddress());
                text(out, entry.userAgent());
                text(out, entry.replicaId());
                textArray(out, entry.upstreamRequestIds());
            }
            out.writeShort(-1);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return bytes.toByteArray();
    }

    private static long micros(Instant at) {
        return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1_000);
    }

    private static void text(DataOutputStream out, String value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    /** A one-dimensional text[] in binary form (no NULL elements; an empty list is the empty array). */
    private static void textArray(DataOutputStream out, List<String> values) throws IOException {
        byte[][] elements = new byte[values.size()][];
        int length = values.isEmpty() ? 12 : 20;
        for (int i = 0; i < elements.length; i++) {
            elements[i] = values.get(i).getBytes(StandardCharsets.UTF_8);
            length += 4 + elements[i].length;
        }
        out.writeInt(length);
        out.writeInt(values.isEmpty() ? 0 : 1);
        out.writeInt(0);
        out.writeInt(TEXT_OID);
        if (!values.isEmpty()) {
            out.writeInt(values.size());
            out.writeInt(1);
            for (byte[] element : elements) {
                out.writeInt(element.length);
                out.write(element);
            }
        }
    }
}
