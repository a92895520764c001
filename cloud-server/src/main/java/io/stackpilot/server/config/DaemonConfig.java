package io.stackpilot.server.config;

import io.stackpilot.core.audit.AuditRetention;
import io.stackpilot.core.identity.AccessPolicy;
import io.stackpilot.core.managed.ReconcileSettings;
import io.stackpilot.core.stats.StatsBuckets;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The daemon's own settings, from {@code STACKPILOT_*} environment variables (see {@link #KNOWN_VARIABLES}). Every
 * variable has one parser: the database and the data directory ({@code STACKPILOT_DB_*}, {@code STACKPILOT_DATA_DIR})
 * are read by {@code DatabaseSettings}, the cloud and its timeouts ({@code OS_*},
 * {@code STACKPILOT_OPENSTACK_*_TIMEOUT}) by {@code CloudSettings}, the locations ({@code STACKPILOT_CLOUDS},
 * {@code STACKPILOT_REGIONS}) by {@code LocationSettings}, the log format and levels by {@code LogSettings};
 * they are listed here as known so that deploy manifests can be checked against one list.
 * Holds no secrets. Fails closed: with no allowed projects and no allowed domains the configuration is invalid
 * unless {@code STACKPILOT_ALLOW_ALL_PROJECTS=true}.
 */
public record DaemonConfig(int port, String bindAddress, List<String> allowedProjects, List<String> allowedDomains,
                           boolean allowAllProjects, Duration tokenCacheTtl, Duration statsInterval,
                           Duration statsRetention, Duration shutdownTimeout, String replicaId,
                           int auditQueueCapacity, LoginRateLimit loginRateLimit, Duration auditRetention,
                           Duration reconcileInterval, Duration catalogTtl, int locationConcurrency) {

    /** Every STACKPILOT_* variable the daemon understands (its own and those its modules read). */
    public static final List<String> KNOWN_VARIABLES = List.of(
            "STACKPILOT_PORT", "STACKPILOT_BIND_ADDRESS", "STACKPILOT_DB_URL", "STACKPILOT_DB_USER",
            "STACKPILOT_DB_PASSWORD", "STACKPILOT_DB_PASSWORD_FILE", "STACKPILOT_DB_POOL_SIZE", "STACKPILOT_DATA_DIR",
            "STACKPILOT_ALLOWED_PROJECTS", "STACKPILOT_ALLOWED_DOMAINS", "STACKPILOT_ALLOW_ALL_PROJECTS",
            "STACKPILOT_TOKEN_CACHE_TTL", "STACKPILOT_STATS_INTERVAL", "STACKPILOT_STATS_RETENTION",
            "STACKPILOT_AUDIT_RETENTION",
            "STACKPILOT_LOG_FORMAT", "STACKPILOT_LOG_LEVEL", "STACKPILOT_LOG_LEVELS", "STACKPILOT_SHUTDOWN_TIMEOUT",
            "STACKPILOT_REPLICA_ID",
            "STACKPILOT_AUDIT_QUEUE_CAPACITY", "STACKPILOT_OPENSTACK_CONNECT_TIMEOUT",
            "STACKPILOT_OPENSTACK_READ_TIMEOUT", "STACKPILOT_LOGIN_RATE_LIMIT", "STACKPILOT_RECONCILE_INTERVAL",
            "STACKPILOT_CATALOG_TTL", "STACKPILOT_INIT_FLAVORS", "STACKPILOT_CLOUDS", "STACKPILOT_REGIONS",
            "STACKPILOT_KUBERNETES", "STACKPILOT_KUBERNETES_NAMESPACE", "STACKPILOT_KUBERNETES_RESYNC",
            "STACKPILOT_LOCATION_CONCURRENCY");

    public DaemonConfig {
        allowedProjects = List.copyOf(allowedProjects);
        allowedDomains = List.copyOf(allowedDomains);
    }

    /** @throws InvalidConfigurationException listing every problem at once */
    public static DaemonConfig fromEnvironment(Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        DaemonConfig config = fromEnvironment(env, problems);
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        return config;
    }

    /** Adds every problem to {@code problems} (for a composition root that collects all modules' problems). */
    public static DaemonConfig fromEnvironment(Map<String, String> env, List<String> problems) {
        EnvReader read = new EnvReader(env, problems);
        List<String> projects = read.list("STACKPILOT_ALLOWED_PROJECTS");
        List<String> domains = read.list("STACKPILOT_ALLOWED_DOMAINS");
        boolean allowAll = read.bool("STACKPILOT_ALLOW_ALL_PROJECTS", false);
        if (projects.isEmpty() && domains.isEmpty() && !allowAll) {
            problems.add("STACKPILOT_ALLOWED_PROJECTS and STACKPILOT_ALLOWED_DOMAINS are both empty: refusing to "
                    + "serve every project (set one of them, or STACKPILOT_ALLOW_ALL_PROJECTS=true)");
        } else if (!projects.isEmpty() || !domains.isEmpty()) {
            try {
                AccessPolicy.of(projects, domains);
            } catch (IllegalArgumentException invalid) {
                problems.add("STACKPILOT_ALLOWED_PROJECTS/STACKPILOT_ALLOWED_DOMAINS: " + invalid.getMessage());
            }
        }
        DaemonConfig config = new DaemonConfig(
                read.integer("STACKPILOT_PORT", 8080, 0, 65535),
                read.text("STACKPILOT_BIND_ADDRESS", "0.0.0.0"),
                projects, domains, allowAll,
                read.duration("STACKPILOT_TOKEN_CACHE_TTL", Duration.ofSeconds(60)),
                read.duration("STACKPILOT_STATS_INTERVAL", Duration.ofHours(1)),
                read.duration("STACKPILOT_STATS_RETENTION", Duration.ofDays(90)),
                read.duration("STACKPILOT_SHUTDOWN_TIMEOUT", Duration.ofSeconds(20)),
                read.text("STACKPILOT_REPLICA_ID", defaultReplicaId()),
                read.integer("STACKPILOT_AUDIT_QUEUE_CAPACITY", 100_000, 1, 10_000_000),
                read.loginRateLimit("STACKPILOT_LOGIN_RATE_LIMIT", LoginRateLimit.DEFAULT),
                read.duration("STACKPILOT_AUDIT_RETENTION", AuditRetention.DEFAULT_RETENTION),
                read.duration("STACKPILOT_RECONCILE_INTERVAL", ReconcileSettings.DEFAULT_INTERVAL),
                read.durationOrZero("STACKPILOT_CATALOG_TTL", Duration.ofSeconds(30)),
                read.integer("STACKPILOT_LOCATION_CONCURRENCY", ReconcileSettings.DEFAULT_LOCATION_CONCURRENCY, 1,
                        1000));
        try {
            config.statsBuckets();
        } catch (IllegalArgumentException invalid) {
            problems.add("STACKPILOT_STATS_INTERVAL: " + invalid.getMessage());
        }
        return config;
    }

    /** STACKPILOT_* names in the environment that no module reads (likely typos); worth a warning at start. */
    public static List<String> unknownVariables(Map<String, String> env) {
        return env.keySet().stream().filter(name -> name.startsWith("STACKPILOT_"))
                .filter(name -> !KNOWN_VARIABLES.contains(name)).sorted().toList();
    }

    /** The allowlist as a core policy; the configuration was validated, so this does not fail. */
    public AccessPolicy accessPolicy() {
        return allowAllProjects ? AccessPolicy.allowAll() : AccessPolicy.of(allowedProjects, allowedDomains);
    }

    /** Whether flavors, images and networks are cached ({@code STACKPILOT_CATALOG_TTL} is not 0). */
    public boolean cachesCatalog() {
        return !catalogTtl.isZero();
    }

    /** The statistics' time buckets; the interval was validated, so this does not fail. */
    public StatsBuckets statsBuckets() {
        return new StatsBuckets(statsInterval);
    }

    private static String defaultReplicaId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException unknown) {
            host = "localhost";
        }
        return host + "-" + ProcessHandle.current().pid();
    }
}
