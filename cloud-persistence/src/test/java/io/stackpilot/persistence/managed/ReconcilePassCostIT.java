package io.stackpilot.persistence.managed;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.core.compute.ServerStatus;
import io.stackpilot.core.identity.DomainRef;
import io.stackpilot.core.identity.ProjectRef;
import io.stackpilot.core.managed.ManagedServer;
import io.stackpilot.core.managed.ReconcilePass;
import io.stackpilot.core.managed.ReconcileSettings;
import io.stackpilot.core.managed.Reconciler;
import io.stackpilot.core.managed.SpecFingerprint;
import io.stackpilot.core.compute.Server;
import io.stackpilot.core.testing.FakeCloud;
import io.stackpilot.core.testing.FakeProjectSessions;
import io.stackpilot.core.testing.MutableClock;
import io.stackpilot.core.testing.TestData;
import io.stackpilot.core.testing.contract.ManagedServerRepositoryContract;
import io.stackpilot.persistence.db.RepositoryJdbi;
import io.stackpilot.persistence.operation.JdbiOperationRepository;
import io.stackpilot.persistence.testing.TestDatabase;
import io.stackpilot.persistence.testing.TestDatabases;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The cost of one steady-state reconcile pass (every VM exists and matches) on embedded PostgreSQL over the
 * in-memory cloud: cloud calls and SQL statements are asserted (they are the design), the time is only printed
 * (lines starting with "BENCHMARK"; the machine is shared). Ten owner projects.
 */
class ReconcilePassCostIT {
    private static final int PROJECTS = 10;

    @ParameterizedTest(name = "{0} managed servers")
    @ValueSource(ints = {100, 1_000, 5_000})
    void one_pass_costs_one_server_list_and_two_statements_per_project(int count) {
        MutableClock clock = MutableClock.at("2026-12-01T10:00:00Z");
        FakeCloud cloud = FakeCloud.withLabContent(clock);
        try (TestDatabase database = TestDatabases.embedded().createMigratedDatabase()) {
            Jdbi jdbi = RepositoryJdbi.create(database.openPool(4));
            AtomicInteger statements = new AtomicInteger();
            jdbi.setSqlLogger(new SqlLogger() {
                @Override
                public void logAfterExecution(StatementContext context) {
                    statements.incrementAndGet();
                }
            });
            JdbiManagedServerRepository resources = new JdbiManagedServerRepository(jdbi);
            declareWithVms(count, resources, cloud, clock);
            Reconciler reconciler = new Reconciler(resources, new JdbiOperationRepository(jdbi), cloud,
                    new FakeProjectSessions(), new ReconcileSettings("replica-a", Duration.ofSeconds(30),
                    Duration.ofSeconds(60), count), clock);
            reconciler.reconcileDue(); // warm-up pass: first statuses written, JIT
            clock.advance(Duration.ofSeconds(30));
            int listsBefore = cloud.calls("listServers");
            statements.set(0);

            long started = System.nanoTime();
            ReconcilePass pass = reconciler.reconcileDue();
            long millis = (System.nanoTime() - started) / 1_000_000;

            System.out.printf("BENCHMARK reconcile pass, %d managed servers in %d projects: %d ms, %d server lists,"
                    + " %d SQL statements, %d rows claimed%n", count, PROJECTS, millis,
                    cloud.calls("listServers") - listsBefore, statements.get(), pass.claimed());
            assertThat(pass.claimed()).isEqualTo(count);
            assertThat(pass.enqueued()).isZero();
            assertThat(cloud.calls("listServers") - listsBefore).isEqualTo(PROJECTS);
            assertThat(statements.get()).as("one claim, then per project one pending query and one batch")
                    .isEqualTo(1 + 2 * PROJECTS);
        }
    }

    private static void declareWithVms(int count, JdbiManagedServerRepository resources, FakeCloud cloud,
                                       MutableClock clock) {
        Map<Integer, ProjectRef> projects = new HashMap<>();
        for (int i = 0; i < count; i++) {
            ProjectRef project = projects.computeIfAbsent(i % PROJECTS, p -> new ProjectRef("project-" + p,
                    "project-" + p, new DomainRef("default", "Default")));
            ManagedServer resource = resources.insert(ManagedServerRepositoryContract.declared(project.id(),
                    "web-" + i, clock.instant()));
            Server vm = TestData.server("web-" + i, project, ServerStatus.ACTIVE, clock.instant());
            cloud.putServer(new Server(vm.id(), vm.name(), vm.status(), vm.addresses(), vm.flavor(), vm.image(),
                    vm.projectId(), vm.createdAt(), false, Map.of(ManagedServer.MARKER_METADATA_KEY,
                    resource.marker(), SpecFingerprint.METADATA_KEY, SpecFingerprint.of(resource.spec())),
                    vm.location()));
        }
    }
}
