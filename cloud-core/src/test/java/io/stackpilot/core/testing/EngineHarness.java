package io.stackpilot.core.testing;

import io.stackpilot.core.compute.ComputeGateway;
import io.stackpilot.core.identity.Session;
import io.stackpilot.core.managed.ApplyRequest;
import io.stackpilot.core.managed.EngineAction;
import io.stackpilot.core.managed.EngineLauncher;
import io.stackpilot.core.managed.ManagedServer;
import io.stackpilot.core.managed.ManagedServerEvent;
import io.stackpilot.core.managed.ManagedServerService;
import io.stackpilot.core.managed.OperationExecutor;
import io.stackpilot.core.managed.ReconcileSettings;
import io.stackpilot.core.managed.Reconciler;
import io.stackpilot.core.managed.ServerImporter;
import io.stackpilot.core.operation.Backoff;
import io.stackpilot.core.reach.FloatingIpAssignment;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The desired-state engine wired on in-memory fakes: a lab-shaped {@link FakeCloud}, both repositories, service
 * sessions, a recorded audit, and one replica's reconciler and executor. {@link #settle()} runs passes until
 * nothing is left to do, moving the clock by the interval between passes.
 */
public final class EngineHarness {
    public static final Duration INTERVAL = Duration.ofSeconds(30);

    public final MutableClock clock = MutableClock.at("2026-12-01T10:00:00Z");
    public final FakeCloud cloud = FakeCloud.withLabContent(clock);
    public final InMemoryManagedServerRepository resources = new InMemoryManagedServerRepository();
    public final InMemoryOperationRepository operations = new InMemoryOperationRepository();
    public final FakeProjectSessions sessions = new FakeProjectSessions();
    public final List<EngineAction> audit = new CopyOnWriteArrayList<>();
    public final FakeReach reach = new FakeReach(cloud);
    public final ManagedServerService service = new ManagedServerService(resources, operations, cloud, cloud, cloud,
            clock);
    public final ServerImporter importer = new ServerImporter(resources, cloud, cloud, clock);
    public final Session demo = TestData.session(TestData.demo());
    public final Session altDemo = TestData.session(TestData.altDemo());
    private final Reconciler reconciler;
    private final OperationExecutor executor;

    public EngineHarness() {
        this(null);
    }

    /** With the executor's compute gateway wrapped (e.g. to simulate a crash); null: the fake cloud itself. */
    public EngineHarness(ComputeGateway executorCompute) {
        reconciler = new Reconciler(resources, operations, cloud, sessions, settings("replica-a"), clock);
        executor = executor("replica-a", executorCompute == null ? cloud : executorCompute);
    }

    public static ReconcileSettings settings(String replica) {
        return new ReconcileSettings(replica, INTERVAL, Duration.ofSeconds(60), 100);
    }

    /** Another replica's executor on the same repositories and cloud. */
    public OperationExecutor executor(String replica, ComputeGateway compute) {
        return new OperationExecutor(resources, operations, compute, sessions, audit::add, settings(replica),
                new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(5), 3, () -> 0.5), clock,
                new FloatingIpAssignment(compute, reach));
    }

    /** Another replica's executor on the same repositories and cloud, booting through {@code launcher}. */
    public OperationExecutor executor(String replica, EngineLauncher launcher) {
        return new OperationExecutor(resources, operations, cloud, launcher, sessions, audit::add, settings(replica),
                new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(5), 3, () -> 0.5), clock,
                new FloatingIpAssignment(cloud, reach));
    }

    public Reconciler reconciler() {
        return reconciler;
    }

    public OperationExecutor executor() {
        return executor;
    }

    public static ApplyRequest request(String flavor) {
        return new ApplyRequest(flavor, "cirros-0.6-lab", List.of("private"), false, null, null, null, null);
    }

    /** Reconcile, execute, reconcile again (the executor makes its target due at once): one "moment". */
    public void step() {
        reconciler.reconcileDue();
        executor.runDue(100);
        reconciler.reconcileDue();
    }

    /** Steps, one interval apart, until a step enqueues and runs nothing more (at most 10). */
    public void settle() {
        for (int i = 0; i < 10; i++) {
            int enqueued = reconciler.reconcileDue().enqueued();
            int ran = executor.runDue(100);
            reconciler.reconcileDue();
            if (enqueued == 0 && ran == 0) {
                return;
            }
            clock.advance(INTERVAL);
        }
    }

    public void nextInterval() {
        clock.advance(INTERVAL);
    }

    public ManagedServer get(String name) {
        return service.get(demo, name);
    }

    public List<String> eventReasons(String name) {
        return service.events(demo, name, 100).stream().map(ManagedServerEvent::reason).toList();
    }

    public List<ManagedServerEvent> events(String name) {
        return service.events(demo, name, 100);
    }
}
