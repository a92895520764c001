package io.stackpilot.server.lab;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the server's database directly with JDBC: audit rows by request id, and a scan for secrets. */
final class DatabaseProbe {
    private static final Duration AUDIT_WAIT = Duration.ofSeconds(15);

    private final String jdbcUrl;

    DatabaseProbe(String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
    }

    /** One stored audit row. */
    record AuditRow(String requestId, String method, String route, int status, String userName,
                    String projectName) {
    }

    /** The audit row of this response (matched by its X-Request-Id); waits for the asynchronous writer. */
    AuditRow auditRowOf(HttpResponse<String> response) {
        String requestId = response.headers().firstValue("X-Request-Id").orElseThrow();
        long deadline = System.nanoTime() + AUDIT_WAIT.toNanos();
        do {
            Optional<AuditRow> row = findAuditRow(requestId);
            if (row.isPresent()) {
                return row.get();
            }
            pause();
        } while (System.nanoTime() < deadline);
        throw new AssertionError("no audit row for " + response.request().method() + " "
                + response.uri().getPath() + " (" + requestId + ") after " + AUDIT_WAIT);
    }

    /**
     * How many audit rows each of the request ids has (ids without a row are absent); waits up to {@code wait} for
     * the asynchronous writer to have stored a row for every one of them.
     */
    Map<String, Integer> auditRowCounts(Collection<String> requestIds, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        Map<String, Integer> counts = countAuditRows(requestIds);
        while (counts.size() < requestIds.size() && System.nanoTime() < deadline) {
            pause();
            counts = countAuditRows(requestIds);
        }
        return counts;
    }

    private Map<String, Integer> countAuditRows(Collection<String> requestIds) {
        Map<String, Integer> counts = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
             PreparedStatement query = connection.prepareStatement("SELECT request_id, count(*) FROM api_request "
                     + "WHERE request_id = ANY (?) GROUP BY request_id")) {
            query.setArray(1, connection.createArrayOf("text", requestIds.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    counts.put(rows.getString(1), rows.getInt(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return counts;
    }

    /** Every place ({@code table}) where one of the strings occurs in any column of any table of the schema. */
    List<String> tablesContaining(String text) {
        List<String> found = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(jdbcUrl)) {
            for (String table : tables(connection)) {
                // The whole row as text covers every column, text, arrays and JSON alike.
                try (PreparedStatement query = connection.prepareStatement("SELECT count(*) FROM \"" + table
                        + "\" AS row WHERE position(? IN row::text) > 0")) {
                    query.setString(1, text);
                    try (ResultSet rows = query.executeQuery()) {
                        rows.next();
                        if (rows.getLong(1) > 0) {
                            found.add(table);
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return found;
    }

    /** Every table of the schema (ours and Liquibase's). */
    List<String> tables() {
        try (Connection connection = DriverManager.getConnection(jdbcUrl)) {
            return tables(connection);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> tables(Connection connection) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (ResultSet rows = connection.createStatement().executeQuery("SELECT table_name FROM "
                + "information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'")) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        return tables;
    }

    private Optional<AuditRow> findAuditRow(String requestId) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
             PreparedStatement query = connection.prepareStatement("SELECT request_id, method, route, status, "
                     + "user_name, project_name FROM api_request WHERE request_id = ?")) {
            query.setString(1, requestId);
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                return Optional.of(new AuditRow(rows.getString(1), rows.getString(2), rows.getString(3),
                        rows.getInt(4), rows.getString(5), rows.getString(6)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
