package io.stackpilot.cli.testing;

import io.stackpilot.core.common.Location;
import io.stackpilot.core.stats.AllowedProjects;
import io.stackpilot.core.stats.SampleSource;
import io.stackpilot.core.stats.StatsBuckets;
import io.stackpilot.core.stats.StatsQuery;
import io.stackpilot.core.stats.StatsSample;
import io.stackpilot.core.testing.FakeCloud;
import io.stackpilot.core.testing.InMemoryAuditLogRepository;
import io.stackpilot.core.testing.InMemoryIdempotencyRepository;
import io.stackpilot.core.testing.InMemoryStatsSampleRepository;
import io.stackpilot.core.testing.MutableClock;
import io.stackpilot.server.ServerDependencies;
import io.stackpilot.server.ServerTuning;
import io.stackpilot.server.StackpilotServer;
import io.stackpilot.server.config.ServerConfig;
import io.stackpilot.server.http.StatsRoutes;
import io.stackpilot.server.metrics.DaemonMetrics;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The real Stackpilot server (Javalin, routes, auth, problem mapping, audit, statistics) started in-process on port 0
 * and wired like the daemon's composition root, but over the core's in-memory fakes: {@link FakeCloud} with the lab's
 * users, flavors, images and networks, and in-memory audit, idempotency and statistics stores. The server's clock
 * is {@link CliRunner#NOW}, the CLI's too. Close it at the end of each test.
 */
public final class RealServer implements AutoCloseable {
    public final MutableClock clock = MutableClock.at(CliRunner.NOW.toString());
    public final FakeCloud cloud = FakeCloud.withLabContent(clock);
    public final InMemoryAuditLogRepository auditLog = new InMemoryAuditLogRepository();
    public final InMemoryStatsSampleRepository statsSamples = new InMemoryStatsSampleRepository();
    private final StackpilotServer server;

    private RealServer() {
        ServerConfig config = ServerConfig.fromEnvironment(Map.of("STACKPILOT_PORT", "0",
                "STACKPILOT_BIND_ADDRESS", "127.0.0.1", "STACKPILOT_ALLOWED_PROJECTS", "demo,alt-demo,admin",
                "STACKPILOT_REPLICA_ID", "cli-test"));
        DaemonMetrics metrics = new DaemonMetrics();
        StatsQuery stats = new StatsQuery(statsSamples, StatsBuckets.hourly(), clock);
        // As the composition root wires it: the allowlist decides which projects the statistics cover.
        StatsRoutes statsRoutes = new StatsRoutes(stats, AllowedProjects.of(cloud, config.accessPolicy()::allows));
        ServerDependencies deps = new ServerDependencies(config, clock, Location.DEFAULT, cloud, cloud, cloud, cloud,
                auditLog, new InMemoryIdempotencyRepository(), () -> true, metrics.upstream()::identityHealthy,
                metrics, List.of(statsRoutes), new ServerTuning(1000, Duration.ZERO, 100,
                Duration.ofMillis(20)));
        this.server = new StackpilotServer(deps).start();
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

    @Override
    public void close() {
        server.stop();
    }
}
