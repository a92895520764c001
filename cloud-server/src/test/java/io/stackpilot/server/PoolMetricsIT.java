package io.stackpilot.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.persistence.Database;
import io.stackpilot.persistence.testing.TestDatabase;
import io.stackpilot.persistence.testing.TestDatabases;
import org.junit.jupiter.api.Test;

/**
 * The daemon's pool on a real PostgreSQL reports to {@code /metrics}, bound as the composition root binds it (after
 * the pool started), next to the JVM and HTTP server metrics.
 */
class PoolMetricsIT {

    @Test
    void metrics_show_the_hikari_pool_of_the_real_database_next_to_jvm_and_http_server_metrics() {
        try (TestDatabase empty = TestDatabases.embedded().createEmptyDatabase();
             Database database = Database.start(empty.settings(2));
             TestServer app = TestServer.withAuditLog(database.auditLog())) {
            app.metrics.bindConnectionPool(database.dataSource());
            assertThat(database.isReachable()).isTrue();
            app.get("/healthz", null);
            app.awaitCompletedRequests();

            Scrape scrape = Scrape.of(app.get("/metrics", null).body());

            assertThat(scrape.value("hikaricp_connections_max", "pool", "stackpilot-db")).contains(2.0);
            assertThat(scrape.types()).containsKeys("hikaricp_connections", "hikaricp_connections_active",
                    "hikaricp_connections_pending", "hikaricp_connections_acquire_seconds",
                    "jvm_memory_used_bytes", "jetty_threads_current", "stackpilot_http_requests_total");
        }
    }
}
