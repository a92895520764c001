package io.stackpilot.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stackpilot.core.lease.Lease;
import io.stackpilot.core.stats.SampleSource;
import io.stackpilot.core.stats.StatsSample;
import io.stackpilot.persistence.testing.TestDatabase;
import io.stackpilot.persistence.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseIT {
    private static final Instant NOW = Instant.parse("2026-11-22T06:00:00Z");

    @Test
    void the_embedded_database_keeps_its_data_across_restarts_and_stops_on_close(@TempDir Path dataDirectory)
            throws Exception {
        DatabaseSettings settings = DatabaseSettings.embedded(dataDirectory);
        String url;
        Lease taken;
        try (Database first = Database.start(settings)) {
            assertThat(first.isReachable()).isTrue();
            assertThat(setting(first, "fsync")).isEqualTo("on");
            assertThat(setting(first, "synchronous_commit")).isEqualTo("on");
            taken = first.leases().tryAcquire("collector", "replica-a", Duration.ofMinutes(5)).orElseThrow();
            first.statsSamples().insertIfAbsent(List.of(new StatsSample("demo", NOW, 3, SampleSource.LIVE, NOW)));
            url = jdbcUrlOf(first);
        }
        assertThat(dataDirectory.resolve("postgres/PG_VERSION")).exists();
        String password = Files.readString(dataDirectory.resolve("postgres.password")).strip();
        assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", password).close())
                .isInstanceOf(SQLException.class).hasMessageContaining("Connection to");

        try (Database second = Database.start(settings)) {
            assertThat(second.leases().find("collector")).contains(taken);
            assertThat(second.statsSamples().find("demo", NOW, NOW.plusSeconds(1))).hasSize(1);
        }
    }

    @Test
    void an_external_database_is_migrated_and_reachable() {
        try (TestDatabase database = TestDatabases.embedded().createEmptyDatabase();
             Database started = Database.start(database.settings(2))) {
            assertThat(started.isReachable()).isTrue();
            assertThat(started.idempotencyKeys().tryClaim("k", "demo", "h", NOW, NOW.plusSeconds(30),
                    NOW.plusSeconds(60))).isEqualTo(io.stackpilot.core.idempotency.IdempotencyRepository.Claim.NEW);
        }
    }

    @Test
    void a_closed_database_is_not_reachable() {
        try (TestDatabase database = TestDatabases.embedded().createEmptyDatabase()) {
            Database started = Database.start(database.settings(1));
            started.close();

            assertThat(started.isReachable()).isFalse();
        }
    }

    @Test
    void an_unreachable_database_fails_the_start_with_a_clear_message() {
        DatabaseSettings settings = DatabaseSettings.external("jdbc:postgresql://127.0.0.1:1/none", "sp", "s3cret", 1);

        assertThatThrownBy(() -> Database.start(settings))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot connect to the database")
                .message().doesNotContain("s3cret");
    }

    private static String setting(Database database, String name) {
        try (var connection = database.dataSource().getConnection();
             var statement = connection.prepareStatement("SELECT current_setting(?)")) {
            statement.setString(1, name);
            try (var result = statement.executeQuery()) {
                result.next();
                return result.getString(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String jdbcUrlOf(Database database) {
        try (var connection = database.dataSource().getConnection()) {
            return connection.getMetaData().getURL();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
