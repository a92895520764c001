package io.stackpilot.persistence.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.persistence.Database;
import io.stackpilot.persistence.testing.TestDatabase;
import io.stackpilot.persistence.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Three replicas starting at once on an empty database all come up, and the schema is applied once. */
class SchemaMigrationConcurrencyIT {
    private static final List<String> CHANGESETS = List.of("0001-api-request", "0001-api-request-indexes",
            "0002-server-count-sample", "0003-lease", "0004-idempotency-key", "0005-idempotency-claim",
            "0006-desired-state", "0007-preemption", "0008-schedules",
            "0009-audit-partitions", "0010-managed-server-schedule",
            "0012-operation-location", "0013-server-count-sample-location",
            "0014-managed-server-placement-status", "0015-audit-status-index-partial");

    @ParameterizedTest(name = "on {0}")
    @MethodSource("io.stackpilot.persistence.testing.TestDatabases#all")
    void three_replicas_starting_at_once_on_an_empty_database_all_succeed_and_apply_each_changeset_once(
            TestServer server) throws Exception {
        try (TestDatabase database = server.createEmptyDatabase()) {
            CyclicBarrier startTogether = new CyclicBarrier(3);
            ExecutorService executor = Executors.newFixedThreadPool(3);
            List<Future<Database>> replicas = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                replicas.add(executor.submit(() -> {
                    startTogether.await();
                    return Database.start(database.settings(2));
                }));
            }
            List<Database> started = new ArrayList<>();
            for (Future<Database> replica : replicas) {
                started.add(replica.get());
            }
            executor.shutdown();

            for (Database replica : started) {
                assertThat(replica.isReachable()).isTrue();
                assertThat(replica.leases().find("anything")).isEmpty();
                replica.close();
            }
            assertThat(appliedChangesets(database)).containsExactlyElementsOf(CHANGESETS);
        }
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("io.stackpilot.persistence.testing.TestDatabases#all")
    void starting_again_on_an_up_to_date_database_applies_nothing(TestServer server) {
        try (TestDatabase database = server.createMigratedDatabase()) {
            Database.start(database.settings(1)).close();

            assertThat(appliedChangesets(database)).containsExactlyElementsOf(CHANGESETS);
        }
    }

    private static List<String> appliedChangesets(TestDatabase database) {
        return database.jdbi().withHandle(handle -> handle.createQuery(
                "SELECT id FROM databasechangelog ORDER BY orderexecuted").mapTo(String.class).list());
    }
}
