package io.stackpilot.persistence.db;

import java.time.Duration;

/**
 * How long a database call may take, so that a database that is gone or a half-open connection (the peer vanished
 * without a FIN or RST, as after a network partition or a host crash) cannot hang the audit writer or the statistics
 * job forever. Each bound is a backstop for the one before it:
 *
 * @param connect   getting a connection: the TCP connect and login (pgjdbc's {@code connectTimeout}), and the
 *                  wait for a free pooled connection (Hikari's {@code connectionTimeout})
 * @param statement how long the server runs one statement before cancelling it ({@code statement_timeout})
 * @param socket    how long the driver waits for any answer on the socket ({@code socketTimeout}); longer than
 *                  {@code statement}, so it ends only calls whose cancellation cannot arrive (a half-open
 *                  connection), then the pool drops that connection
 */
public record DatabaseTimeouts(Duration connect, Duration statement, Duration socket) {
    /**
     * 10 s to connect, 30 s per statement, 45 s of socket silence: every statement of the service takes
     * milliseconds, the admin's audit query included (keyset paging on indexes), so these only end calls that
     * would otherwise hang. A URL parameter ({@code ?socketTimeout=...}) in STACKPILOT_DB_URL overrides the driver's.
     */
    public static final DatabaseTimeouts DEFAULTS =
            new DatabaseTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(45));

    public DatabaseTimeouts {
        if (connect.toMillis() < 250) {
            throw new IllegalArgumentException("connect timeout must be at least 250 ms, was " + connect);
        }
        if (statement.toMillis() < 1) {
            throw new IllegalArgumentException("statement timeout must be at least 1 ms, was " + statement);
        }
        if (socket.toSeconds() < 1 || socket.compareTo(statement) <= 0) {
            throw new IllegalArgumentException("socket timeout must be at least 1 s and longer than the statement"
                    + " timeout, was " + socket);
        }
    }
}
