package io.stackpilot.openstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.core.compute.Server;
import io.stackpilot.core.compute.ServerQuery;
import io.stackpilot.core.identity.Session;
import io.stackpilot.core.managed.ApplyRequest;
import io.stackpilot.core.managed.EngineAction;
import io.stackpilot.core.managed.ManagedServer;
import io.stackpilot.core.managed.ManagedServerService;
import io.stackpilot.core.managed.OperationExecutor;
import io.stackpilot.core.managed.Phase;
import io.stackpilot.core.managed.ReconcileSettings;
import io.stackpilot.core.managed.Reconciler;
import io.stackpilot.core.operation.Backoff;
import io.stackpilot.core.reach.FloatingIpAssignment;
import io.stackpilot.core.testing.InMemoryManagedServerRepository;
import io.stackpilot.core.testing.InMemoryOperationRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The engine's core against the lab's real Nova (in-memory repositories; the HTTP routes and the daemon's loop are
 * built on top later): declare → Ready, a VM deleted behind the engine's back → recreated, delete → VM and record
 * gone. The service account is the lab's admin, scoped to demo. Resources are named "engine-...".
 */
class EngineLabIT {
    private static final Duration INTERVAL = Duration.ofSeconds(2);
    private static OpenStackCloud cloud;
    private static Session demo;

    private final InMemoryManagedServerRepository resources = new InMemoryManagedServerRepository();
    private final InMemoryOperationRepository operations = new InMemoryOperationRepository();
    private final List<EngineAction> audit = new CopyOnWriteArrayList<>();
    private final ReconcileSettings settings = new ReconcileSettings("engine-lab", INTERVAL, Duration.ofSeconds(60),
            50);
    private final Reconciler reconciler = new Reconciler(resources, operations, cloud.compute(),
            cloud.projectSessions(), settings, Clock.systemUTC());
    private final OperationExecutor executor = new OperationExecutor(resources, operations, cloud.compute(),
            cloud.projectSessions(), audit::add, settings, Backoff.DEFAULT, Clock.systemUTC(),
            new FloatingIpAssignment(cloud.compute(), cloud.floatingIps()));
    private final ManagedServerService service = new ManagedServerService(resources, operations, cloud.compute(),
            cloud.images(), cloud.networks(), Clock.systemUTC());

    @BeforeAll
    static void connect() {
        cloud = Lab.connect("lab-admin", UpstreamObserver.NONE);
        demo = Lab.login(cloud, "demo", "demo", "demo");
    }

    @AfterAll
    static void close() {
        cloud.close();
    }

    @Test
    void declared_ready_recreated_after_an_out_of_band_delete_and_deleted() {
        String name = "engine-" + UUID.randomUUID().toString().substring(0, 8);
        String flavor = cloud.compute().listFlavors(demo).stream()
                .min(java.util.Comparator.comparingInt(io.stackpilot.core.compute.Flavor::ramMb)).orElseThrow().name();
        long started = System.nanoTime();
        ManagedServer declared = service.apply(demo, name, new ApplyRequest(flavor, "cirros-0.6-lab",
                List.of("private"), false, null, null, null, null)).server();
        try {
            ManagedServer ready = await(name, r -> r.status().phase() == Phase.READY
                    && r.status().serverStatus() == io.stackpilot.core.compute.ServerStatus.ACTIVE);
            System.out.printf("BENCHMARK engine on the lab: declare to Ready (VM ACTIVE) in %d ms (pass every %s)%n",
                    (System.nanoTime() - started) / 1_000_000, INTERVAL);
            assertThat(ready.status().addresses()).isNotEmpty();
            assertThat(marked(declared)).extracting(s -> s.id().value()).containsExactly(ready.status().serverId());

            cloud.compute().delete(demo, new io.stackpilot.core.compute.ServerId(ready.status().serverId()));
            Lab.awaitGone(cloud, demo, new io.stackpilot.core.compute.ServerId(ready.status().serverId()));
            ManagedServer recreated = await(name, r -> r.status().phase() == Phase.READY
                    && !ready.status().serverId().equals(r.status().serverId()));
            assertThat(marked(declared)).extracting(s -> s.id().value())
                    .containsExactly(recreated.status().serverId());
            assertThat(service.events(demo, name, 50)).anyMatch(e -> e.message().contains("deleted out of band"));
        } finally {
            service.delete(demo, name);
            Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
            while (resources.findById(declared.id()).isPresent() && Instant.now().isBefore(deadline)) {
                pass();
            }
        }
        assertThat(resources.findById(declared.id())).isEmpty();
        assertThat(audit).extracting(EngineAction::action).contains("boot", "delete", "forget");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!marked(declared).isEmpty() && Instant.now().isBefore(deadline)) {
            sleep(500);
        }
        assertThat(marked(declared)).isEmpty();
    }

    private ManagedServer await(String name, Predicate<ManagedServer> condition) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(180));
        while (Instant.now().isBefore(deadline)) {
            pass();
            Optional<ManagedServer> current = resources.find(demo.project().id(), name);
            if (current.isPresent() && condition.test(current.get())) {
                return current.get();
            }
        }
        throw new AssertionError(name + " did not converge: " + resources.find(demo.project().id(), name));
    }

    private void pass() {
        reconciler.reconcileDue();
        executor.runDue(10);
        sleep(INTERVAL.toMillis());
    }

    private List<Server> marked(ManagedServer resource) {
        return cloud.compute().listServers(demo, ServerQuery.all()).items().stream()
                .filter(s -> resource.marker().equals(s.metadata().get(ManagedServer.MARKER_METADATA_KEY))).toList();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }
}
