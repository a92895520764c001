package io.stackpilot.persistence.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.stackpilot.persistence.testing.TestDatabase;
import io.stackpilot.persistence.testing.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The pool's connections carry the timeouts: a statement is cancelled by the server, a silent socket by the driver. */
class DatabaseTimeoutsIT {

    @Test
    void pooled_connections_have_the_default_statement_timeout() throws Exception {
        try (TestDatabase database = TestDatabases.embedded().createEmptyDatabase();
             HikariDataSource pool = ConnectionPools.open("timeouts", database.jdbcUrl(), null, null, 1)) {
            assertThat(query(pool, "SHOW statement_timeout")).isEqualTo("30s");
        }
    }

    @Test
    void a_statement_running_longer_than_the_statement_timeout_is_cancelled() throws Exception {
        DatabaseTimeouts timeouts = new DatabaseTimeouts(Duration.ofSeconds(5), Duration.ofMillis(200),
                Duration.ofSeconds(30));
        try (TestDatabase database = TestDatabases.embedded().createEmptyDatabase();
             HikariDataSource pool = ConnectionPools.open("timeouts", database.jdbcUrl(), null, null, 1, timeouts)) {
            assertThatThrownBy(() -> query(pool, "SELECT pg_sleep(30)::text"))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("57014"));
            assertThat(query(pool, "SELECT 'still usable'")).isEqualTo("still usable");
        }
    }

    @Test
    void a_call_whose_answer_never_comes_ends_at_the_socket_timeout() throws Exception {
        // The server would answer after 30 s: standing in for a peer that has vanished.
        DatabaseTimeouts timeouts = new DatabaseTimeouts(Duration.ofSeconds(5), Duration.ofMillis(500),
                Duration.ofSeconds(1));
        try (TestDatabase database = TestDatabases.embedded().createEmptyDatabase();
             HikariDataSource pool = ConnectionPools.open("timeouts", database.jdbcUrl(), null, null, 1, timeouts)) {
            assertThatThrownBy(() -> query(pool, "SET statement_timeout = 0; SELECT pg_sleep(30)::text"))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("08006"));
        }
    }

    @Test
    void the_statement_timeout_must_be_shorter_than_the_socket_timeout() {
        assertThatThrownBy(() -> new DatabaseTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(60),
                Duration.ofSeconds(45))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("longer than the statement timeout");
    }

    private static String query(HikariDataSource pool, String sql) throws SQLException {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            if (sql.startsWith("SET ")) {
                statement.execute(sql.substring(0, sql.indexOf(';')));
                sql = sql.substring(sql.indexOf(';') + 1).strip();
            }
            try (var result = statement.executeQuery(sql)) {
                result.next();
                return result.getString(1);
            }
        }
    }
}
