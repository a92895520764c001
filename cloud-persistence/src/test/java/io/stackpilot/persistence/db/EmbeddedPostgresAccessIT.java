package io.stackpilot.persistence.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14.6: the embedded PostgreSQL lets in only who knows the password in the service's own files; clusters
 * made before (with {@code trust}) are switched over at their next start.
 */
class EmbeddedPostgresAccessIT {

    @Test
    void a_new_cluster_refuses_connections_without_the_password_which_only_the_owner_can_read(@TempDir Path data)
            throws Exception {
        Path cluster = data.resolve("postgres");
        Started started = startCapturingLogs(() -> EmbeddedPostgresServer.start(cluster));
        try (EmbeddedPostgresServer server = started.server()) {
            assertRefusedWithoutThePassword(server);
            try (Connection connection = DriverManager.getConnection(server.jdbcUrl("postgres"), server.user(),
                    server.password())) {
                assertThat(connection.isValid(2)).isTrue();
            }
            assertThat(permissions(EmbeddedPostgresPassword.fileOf(cluster))).isEqualTo("rw-------");
            assertThat(Files.readString(EmbeddedPostgresPassword.fileOf(cluster)).strip())
                    .isEqualTo(server.password()).hasSize(64);
            assertThat(permissions(cluster)).isEqualTo("rwx------");
            assertThat(ClientAuthentication.trustsClients(cluster)).isFalse();
            assertThat(started.logs()).isNotEmpty().doesNotContain(server.password());
        }
    }

    @Test
    void a_cluster_made_with_trust_requires_the_password_after_its_next_start_and_keeps_its_data(
            @TempDir Path data) throws Exception {
        Path cluster = data.resolve("postgres");
        try (EmbeddedPostgres legacy = EmbeddedPostgres.builder().setDataDirectory(cluster)
                .setCleanDataDirectory(false).start();
             Connection connection = DriverManager.getConnection(legacy.getJdbcUrl("postgres", "postgres"));
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE kept (value text); INSERT INTO kept VALUES ('before the upgrade')");
        }
        assertThat(ClientAuthentication.trustsClients(cluster)).isTrue();

        Started started = startCapturingLogs(() -> EmbeddedPostgresServer.start(cluster));
        try (EmbeddedPostgresServer server = started.server()) {
            assertRefusedWithoutThePassword(server);
            assertThat(Files.readString(cluster.resolve("pg_hba.conf"))).isEqualTo(ClientAuthentication.PG_HBA);
            assertThat(permissions(EmbeddedPostgresPassword.fileOf(cluster))).isEqualTo("rw-------");
            try (Connection connection = DriverManager.getConnection(server.jdbcUrl("postgres"), server.user(),
                    server.password());
                 Statement statement = connection.createStatement();
                 var rows = statement.executeQuery("SELECT value FROM kept")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("before the upgrade");
            }
            assertThat(started.logs()).contains("now requires a password").doesNotContain(server.password());
        }
        // The next start finds an upgraded cluster and the same password.
        try (EmbeddedPostgresServer again = EmbeddedPostgresServer.start(cluster)) {
            assertRefusedWithoutThePassword(again);
            DriverManager.getConnection(again.jdbcUrl("postgres"), again.user(), again.password()).close();
        }
    }

    private static void assertRefusedWithoutThePassword(EmbeddedPostgresServer server) {
        assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl("postgres")).close())
                .isInstanceOf(SQLException.class).hasMessageContaining("password");
        assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl("postgres"), "postgres", "guess")
                .close()).isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");
    }

    private static String permissions(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    private record Started(EmbeddedPostgresServer server, String logs) {
    }

    /** slf4j-simple and zonky's process output write to System.err, which this captures during the start. */
    private static Started startCapturingLogs(Supplier<EmbeddedPostgresServer> start) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            EmbeddedPostgresServer server = start.get();
            return new Started(server, captured.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(original);
        }
    }
}
