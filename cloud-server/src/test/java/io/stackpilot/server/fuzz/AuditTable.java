package io.stackpilot.server.fuzz;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The daemon's database read with plain JDBC: audit rows of API requests by request id, and a scan for a text. */
final class AuditTable {
    private final String jdbcUrl;

    AuditTable(String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
    }

    /**
     * Audit rows of API requests (not the engine's) per request id, once there are {@code expected} of them (the
     * writer is asynchronous) or {@code wait} has passed.
     */
    Map<String, Integer> apiRowsWhen(long expected, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        Map<String, Integer> rows = apiRows();
        while (rows.values().stream().mapToLong(Integer::longValue).sum() < expected && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            rows = apiRows();
        }
        return rows;
    }

    private Map<String, Integer> apiRows() {
        Map<String, Integer> rows = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
             PreparedStatement query = connection.prepareStatement("SELECT request_id, count(*) FROM api_request "
                     + "WHERE method <> 'ENGINE' GROUP BY request_id");
             ResultSet result = query.executeQuery()) {
            while (result.next()) {
                rows.put(result.getString(1), result.getInt(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    /** The tables of the schema with a row whose text (all columns) contains {@code text}. */
    List<String> tablesContaining(String text) {
        List<String> found = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(jdbcUrl)) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = connection.createStatement().executeQuery("SELECT table_name FROM "
                    + "information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'")) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            for (String table : tables) {
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
}
