package io.stackpilot.bench;

import io.javalin.http.HandlerType;
import io.stackpilot.core.audit.AuditEntry;
import io.stackpilot.core.audit.AuditLogRepository;
import io.stackpilot.core.audit.AuditQuery;
import io.stackpilot.core.common.Page;
import io.stackpilot.openstack.CloudSettings;
import io.stackpilot.openstack.OpenStackCloud;
import io.stackpilot.persistence.Database;
import io.stackpilot.persistence.DatabaseSettings;
import io.stackpilot.server.ApiWiring;
import io.stackpilot.server.DaemonPorts;
import io.stackpilot.server.ReachGateways;
import io.stackpilot.server.DaemonTuning;
import io.stackpilot.server.EnginePorts;
import io.stackpilot.server.PreemptionPorts;
import io.stackpilot.server.StackpilotServer;
import io.stackpilot.server.config.InvalidConfigurationException;
import io.stackpilot.server.config.DaemonConfig;
import io.stackpilot.server.http.ApiRoute;
import io.stackpilot.server.logging.JulBridge;
import io.stackpilot.server.logging.LogSettings;
import io.stackpilot.server.logging.StackpilotLoggerFactory;
import io.stackpilot.server.metrics.DaemonMetrics;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * The server as {@code io.stackpilot.server.Main} wires it (OpenStack adapter, embedded PostgreSQL, the same
 * composition root {@code ApiWiring}, so the same routes), minus the statistics job, with one switch that production does not have: {@code audit=off} gives the
 * server an audit log that discards every row, so that the cost of auditing can be measured. Adds
 * {@code GET /bench/memory} (peak heap since the last {@code POST /bench/memory}, which collects garbage and resets
 * the peaks). Configured like the daemon, from the environment (OS_* of the bench cloud, STACKPILOT_*).
 *
 * <p>{@code BenchServer on|off}
 */
public final class BenchServer {
    private BenchServer() {
    }

    public static void main(String[] args) {
        boolean audited = !"off".equals(args.length > 0 ? args[0] : "on");
        Map<String, String> env = new HashMap<>(System.getenv());
        env.putIfAbsent("STACKPILOT_ALLOWED_DOMAINS", "Default");
        List<String> problems = new ArrayList<>();
        DaemonConfig config = DaemonConfig.fromEnvironment(env, problems);
        CloudSettings cloudSettings = CloudSettings.fromEnvironment(env, problems);
        DatabaseSettings databaseSettings = DatabaseSettings.fromEnvironment(env, problems);
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        if (LoggerFactory.getILoggerFactory() instanceof StackpilotLoggerFactory logging) {
            logging.configure(LogSettings.fromEnvironment(env, problems));
        }
        JulBridge.install();
        Clock clock = Clock.systemUTC();
        DaemonMetrics metrics = new DaemonMetrics();
        OpenStackCloud cloud = OpenStackCloud.connect(cloudSettings, metrics.upstream()::onResponse);
        Database database = Database.start(databaseSettings);
        AuditLogRepository auditLog = audited ? database.auditLog() : new DiscardingAuditLog();
        DaemonPorts ports = new DaemonPorts(config, clock, cloud.location(), cloud.identity(),
                cloud.compute(), cloud.images(), cloud.networks(), auditLog, database.idempotencyKeys(),
                database.statsSamples(), database::isReachable, metrics.upstream()::identityHealthy, metrics,
                DaemonTuning.defaults(), new EnginePorts(database.managedServers(), database.operations(),
                        cloud.projectSessions(), database.schedules(), new PreemptionPorts(database.preemptions(),
                        database.preemptionLock(), PreemptionPorts.SCHEDULING_WAIT)), cloud.serverControl(),
                new ReachGateways(cloud.floatingIps(), cloud.securityGroups(), cloud.keyPairs()),
                io.stackpilot.openstack.OpenStackLocations.single(cloud));
        StackpilotServer server = new ApiWiring(ports).server(BenchServer::memoryRoutes).start();
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
            server.stop();
            database.close();
            cloud.close();
        }));
        System.out.println("bench server ready on port " + server.port() + ", auditing " + (audited ? "on" : "off")
                + ", pid " + ProcessHandle.current().pid());
    }

    private static final LiveHeap LIVE_HEAP = new LiveHeap();

    private static List<ApiRoute> memoryRoutes() {
        return List.of(
                ApiRoute.open(HandlerType.GET, "/bench/memory", ctx -> ctx.json(memory())),
                ApiRoute.open(HandlerType.POST, "/bench/memory", ctx -> {
                    System.gc();
                    ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
                    LIVE_HEAP.reset();
                    ctx.json(memory());
                }));
    }

    /**
     * Heap in use now, its peak (sum of the heap pools' peaks), the largest heap left after a collection (the live
     * data), the number of collections since the reset, and the process's peak RSS; sizes in MiB.
     */
    private static Map<String, Object> memory() throws java.io.IOException {
        long used = 0;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                used += pool.getUsage().getUsed();
                peak += pool.getPeakUsage().getUsed();
            }
        }
        long hwmKb = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(line -> line.startsWith("VmHWM:")).map(line -> line.replaceAll("\\D", ""))
                .mapToLong(Long::parseLong).findFirst().orElse(-1);
        return Map.of("heap_used_mib", used >> 20, "heap_peak_mib", peak >> 20,
                "live_heap_peak_mib", LIVE_HEAP.peakAfterGcBytes() >> 20, "collections", LIVE_HEAP.collections(),
                "rss_peak_mib", hwmKb >> 10);
    }

    /** Audit rows go nowhere: the "auditing off" side of the benchmark, never used in production. */
    static final class DiscardingAuditLog implements AuditLogRepository {
        @Override
        public void appendAll(List<AuditEntry> entries) {
            // Discarded on purpose.
        }

        @Override
        public Page<AuditEntry> find(AuditQuery query) {
            return Page.last(List.of());
        }

        @Override
        public int deleteOlderThan(Instant cutoff, int maxEntries) {
            return 0;
        }
    }
}
