package io.stackpilot.cli.testing;

import io.stackpilot.core.common.Location;
import io.stackpilot.core.idempotency.IdempotentLauncher;
import io.stackpilot.core.stats.SampleSource;
import io.stackpilot.core.stats.StatsSample;
import io.stackpilot.core.testing.FakeCloud;
import io.stackpilot.core.testing.FakeReach;
import io.stackpilot.core.testing.InMemoryAuditLogRepository;
import io.stackpilot.core.testing.InMemoryIdempotencyRepository;
import io.stackpilot.core.testing.InMemoryStatsSampleRepository;
import io.stackpilot.core.testing.MutableClock;
import io.stackpilot.server.ApiWiring;
import io.stackpilot.server.DaemonPorts;
import io.stackpilot.server.ReachGateways;
import io.stackpilot.server.DaemonTuning;
import io.stackpilot.server.EnginePorts;
import io.stackpilot.server.PreemptionPorts;
import io.stackpilot.core.testing.InMemoryPreemptionLock;
import io.stackpilot.core.testing.InMemoryPreemptionRepository;
import io.stackpilot.server.jobs.EngineLoop;
import io.stackpilot.core.testing.FakeProjectSessions;
import io.stackpilot.core.testing.InMemoryManagedServerRepository;
import io.stackpilot.core.testing.InMemoryOperationRepository;
import io.stackpilot.server.StackpilotServer;
import io.stackpilot.server.config.DaemonConfig;
import io.stackpilot.server.metrics.DaemonMetrics;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The real Stackpilot server (Javalin, routes, auth, problem mapping, audit, statistics) started in-process on port 0
 * and wired by the daemon's composition root ({@link ApiWiring}), but over the core's in-memory fakes: {@link FakeCloud} with the lab's
 * users, flavors, images and networks, and in-memory audit, idempotency, statistics and engine stores; the
 * desired-state engine's loop runs as in the daemon. The server's clock
 * is {@link CliRunner#NOW}, the CLI's too. Close it at the end of each test.
 */
public final class RealServer implements AutoCloseable {
    public final MutableClock clock = MutableClock.at(CliRunner.NOW.toString());
    public final FakeCloud cloud = FakeCloud.withLabContent(clock);
    public final FakeReach reach = new FakeReach(cloud);
    /** The configured locations (one by default); the location commands' tests add more. */
    public final io.stackpilot.core.testing.FakeLocations locations = io.stackpilot.core.testing.FakeLocations.of(10,
            Location.DEFAULT);
    public final InMemoryAuditLogRepository auditLog = new InMemoryAuditLogRepository();
    public final InMemoryStatsSampleRepository statsSamples = new InMemoryStatsSampleRepository();
    private final StackpilotServer server;
    private final EngineLoop engine;

    private RealServer() {
        DaemonConfig config = DaemonConfig.fromEnvironment(Map.of("STACKPILOT_PORT", "0",
                "STACKPILOT_BIND_ADDRESS", "127.0.0.1", "STACKPILOT_ALLOWED_PROJECTS", "demo,alt-demo,admin",
                "STACKPILOT_REPLICA_ID", "cli-test",
                // The CLI tests count and fail the fake cloud's calls; the catalog cache has tests of its own.
                "STACKPILOT_CATALOG_TTL", "0"));
        DaemonMetrics metrics = new DaemonMetrics();
        DaemonPorts ports = new DaemonPorts(config, clock, Location.DEFAULT, cloud, cloud, cloud, cloud,
                auditLog, new InMemoryIdempotencyRepository(), statsSamples, () -> true,
                metrics.upstream()::identityHealthy, metrics, new DaemonTuning(1000, Duration.ZERO, IdempotentLauncher.CLAIM_LIFETIME, 100,
                Duration.ofMillis(20)), new EnginePorts(new InMemoryManagedServerRepository(),
                new InMemoryOperationRepository(), new FakeProjectSessions(),
                new io.stackpilot.core.testing.InMemoryScheduleRepository(), new PreemptionPorts(
                new InMemoryPreemptionRepository(), new InMemoryPreemptionLock(), Duration.ZERO)), cloud,
                new ReachGateways(reach, reach, reach), locations);
        // The daemon's own composition root, so that the CLI is tested against exactly what the daemon serves.
        ApiWiring wiring = new ApiWiring(ports);
        this.server = wiring.server().start();
        // The engine's loop as the daemon runs it (the fake cloud's VMs are ACTIVE at once; the frozen clock keeps
        // everything that is made due due, so a change is taken at the next tick).
        this.engine = wiring.engineLoop();
        engine.start();
    }

    public static RealServer start() {
        return new RealServer();
    }

    /** The base URL the CLI logs in to (no /api/v1). */
    public String url() {
        return "http://127.0.0.1:" + server.port();
    }

    /** Stores a statistics sample as the background job would have: {@code running} servers at {@code bucket}. */
    public void sample(String projectId, Instant bucket, int running) {
        statsSamples.insertIfAbsent(List.of(new StatsSample(projectId, bucket, running, SampleSource.LIVE, bucket)));
    }

    /**
     * Waits until every audit row of the requests answered so far is stored: no request is still finishing (a row is
     * queued when Jetty completes the exchange, a moment after the client has its answer) and the writer's queue,
     * with the batch it is writing, is empty; as the fuzz IT waits for a quiet daemon. Gives up after 5 s, so a test
     * that counts rows then fails on the count rather than hanging.
     */
    public void awaitAuditStored() {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while ((server.inFlight() > 0 || server.auditWriter().depth() > 0) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        engine.stop(Duration.ofSeconds(10));
        server.stop();
    }
}
