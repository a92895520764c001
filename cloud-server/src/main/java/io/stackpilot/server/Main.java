package io.stackpilot.server;

import io.stackpilot.core.flavor.FlavorInitializer;
import io.stackpilot.core.flavor.FlavorShape;
import io.stackpilot.openstack.CloudSettings;
import io.stackpilot.openstack.LocationSettings;
import io.stackpilot.openstack.OpenStackCloud;
import io.stackpilot.openstack.LocationRouter;
import io.stackpilot.openstack.OpenStackLocations;
import io.stackpilot.persistence.Database;
import io.stackpilot.persistence.DatabaseSettings;
import io.stackpilot.kubernetes.KubernetesController;
import io.stackpilot.server.config.InvalidConfigurationException;
import io.stackpilot.server.config.KubernetesSettings;
import io.stackpilot.server.config.DaemonConfig;
import io.stackpilot.server.jobs.EngineLoop;
import io.stackpilot.server.jobs.IdempotencyPurgeJob;
import io.stackpilot.server.jobs.StatsJob;
import io.stackpilot.server.logging.JulBridge;
import io.stackpilot.server.logging.LogSettings;
import io.stackpilot.server.logging.StackpilotLoggerFactory;
import io.stackpilot.server.metrics.DaemonMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process: reads the configuration of every module (all problems reported at once), connects the
 * OpenStack adapter and the database, wires them through {@link ApiWiring}, starts the statistics job, the
 * desired-state engine and the HTTP server; SIGTERM stops it gracefully (stop the engine taking work, stop accepting,
 * finish in-flight requests, drain the audit queue, release the statistics lease, close the database).
 */
public final class Main {
    /** Exit status for bad configuration (EX_CONFIG); the systemd unit does not restart on it. */
    public static final int EXIT_CONFIG = 78;
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) {
        Daemon daemon;
        try {
            daemon = Daemon.start(System.getenv(), Clock.systemUTC());
        } catch (InvalidConfigurationException invalid) {
            System.err.println(invalid.getMessage());
            System.exit(EXIT_CONFIG);
            return;
        } catch (RuntimeException failed) {
            LOG.error("Stackpilot failed to start: {}", failed.toString());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("shutdown").unstarted(daemon::stop));
        exitZeroOnSigterm(daemon);
    }

    /**
     * SIGTERM is the normal way to stop the daemon (systemd, Kubernetes), so it ends with status 0 after the graceful
     * stop, not the JVM's 143. Where the JVM does not let us handle the signal, the shutdown hook still stops
     * gracefully and the status is 143 (the systemd unit accepts both).
     */
    private static void exitZeroOnSigterm(Daemon daemon) {
        try {
            // Not a daemon thread (it would inherit that from the signal dispatcher): once the HTTP server's threads
            // end, the JVM must not start exiting while the audit queue drains and the lease is released.
            sun.misc.Signal.handle(new sun.misc.Signal("TERM"), signal -> Thread.ofPlatform().name("sigterm")
                    .daemon(false).start(() -> {
                        int status = 0;
                        try {
                            daemon.stop();
                        } catch (RuntimeException failed) {
                            LOG.error("the graceful stop failed: {}", failed.toString());
                            status = 1;
                        }
                        System.exit(status);
                    }));
        } catch (IllegalArgumentException | UnsupportedOperationException unsupported) {
            LOG.warn("cannot handle SIGTERM ({}); it will end the process with status 143", unsupported.toString());
        }
    }

    /** {@code STACKPILOT_INIT_FLAVORS}: vCPUs:RAM MiB:disk GiB per name; {@code true} for the defaults. */
    static final String INIT_FLAVORS = "STACKPILOT_INIT_FLAVORS";

    /**
     * Creates the flavors of {@code STACKPILOT_INIT_FLAVORS} with the service account, once across replicas starting
     * together (an advisory lock of the database); a flavor of that name with another shape is logged, not changed.
     * Without the admin rights this needs, the start fails with a ForbiddenException saying so.
     */
    static void initializeFlavors(OpenStackCloud cloud, Database database, List<FlavorShape> wanted) {
        for (FlavorInitializer.Result result : new FlavorInitializer(cloud.flavorAdmin(), database.clusterLock())
                .initialize(cloud.serviceSession(), wanted)) {
            if (result.outcome() == FlavorInitializer.Outcome.SHAPE_MISMATCH) {
                LOG.warn("{}: {}", INIT_FLAVORS, result.describe());
            } else {
                LOG.info("{}: {}", INIT_FLAVORS, result.describe());
            }
        }
    }

    /** The running parts of one process, stopped in reverse order of their start. */
    public record Daemon(DaemonConfig config, OpenStackCloud cloud, Database database, StatsJob statsJob,
                         IdempotencyPurgeJob purgeJob, EngineLoop engine, StackpilotServer server,
                         OpenStackLocations locations, KubernetesController kubernetes) {

        /** Reads the configuration, then starts everything; a partial start is undone before the error is thrown. */
        public static Daemon start(Map<String, String> env, Clock clock) {
            List<String> problems = new ArrayList<>();
            DaemonConfig config = DaemonConfig.fromEnvironment(env, problems);
            CloudSettings cloudSettings = CloudSettings.fromEnvironment(env, problems);
            DatabaseSettings databaseSettings = DatabaseSettings.fromEnvironment(env, problems);
            LogSettings logSettings = LogSettings.fromEnvironment(env, problems);
            KubernetesSettings kubernetesSettings = KubernetesSettings.fromEnvironment(env, problems);
            List<io.stackpilot.core.error.FieldProblem> flavorProblems = new ArrayList<>();
            List<FlavorShape> initFlavors = FlavorShape.parseAll(env.get(INIT_FLAVORS), INIT_FLAVORS, flavorProblems);
            flavorProblems.forEach(problem -> problems.add(problem.field() + ": " + problem.message()));
            LocationSettings locationSettings = LocationSettings.fromEnvironment(env, problems);
            DaemonMetrics metrics = new DaemonMetrics();
            // Clouds named in STACKPILOT_CLOUDS are checked against their Keystone now (the only start-up I/O to a
            // cloud besides STACKPILOT_INIT_FLAVORS), so that their problems join the others in one message.
            OpenStackLocations named = cloudSettings == null || locationSettings == null
                    || locationSettings.identityCloudOnly() ? null
                    : OpenStackLocations.resolve(locationSettings, cloudSettings, env, metrics.upstream()::onResponse,
                            problems);
            if (!problems.isEmpty()) {
                if (named != null) {
                    named.close();
                }
                throw new InvalidConfigurationException(problems);
            }
            if (LoggerFactory.getILoggerFactory() instanceof StackpilotLoggerFactory logging) {
                logging.configure(logSettings);
                // Several replicas log to one place: every line says which one wrote it.
                logging.processField("replica", config.replicaId());
            }
            JulBridge.install();
            DaemonConfig.unknownVariables(env).forEach(name -> LOG.warn("unknown variable {} is ignored", name));

            OpenStackCloud cloud = OpenStackCloud.connect(cloudSettings, metrics.upstream()::onResponse);
            OpenStackLocations locations = named != null ? named : OpenStackLocations.single(cloud);
            Database database = null;
            StatsJob statsJob = null;
            IdempotencyPurgeJob purgeJob = null;
            EngineLoop engine = null;
            KubernetesController kubernetes = null;
            try {
                database = Database.start(databaseSettings);
                metrics.bindConnectionPool(database.dataSource());
                Database db = database;
                if (!initFlavors.isEmpty()) {
                    // Only then does the start talk to Keystone: a daemon must start while the cloud is down.
                    initializeFlavors(cloud, database, initFlavors);
                }
                // every compute/image/network call goes to the cloud of its session's location
                LocationRouter router = new LocationRouter(cloud, locations);
                ApiWiring api = new ApiWiring(new DaemonPorts(config, clock, cloud.location(), cloud.identity(),
                        router.compute(), router.images(), router.networks(), database.auditLog(),
                        database.idempotencyKeys(), database.statsSamples(), db::isReachable,
                        metrics.upstream()::identityHealthy, metrics,
                        DaemonTuning.forReadTimeout(cloudSettings.readTimeout()),
                        new EnginePorts(database.managedServers(), database.operations(), cloud.projectSessions(),
                                database.schedules(), new PreemptionPorts(database.preemptions(),
                                database.preemptionLock(), PreemptionPorts.SCHEDULING_WAIT)),
                        router.serverControl(),
                        new ReachGateways(cloud.floatingIps(), cloud.securityGroups(), cloud.keyPairs()),
                        locations));
                statsJob = api.statsJob(cloud::serviceSession, database.leases());
                StackpilotServer server = api.server().start();
                statsJob.start();
                purgeJob = api.idempotencyPurgeJob(database.leases());
                purgeJob.start();
                engine = api.engineLoop();
                engine.start();
                if (kubernetesSettings.enabled()) {
                    kubernetes = api.kubernetesController(kubernetesSettings, cloudSettings.authUrl(),
                            new FlavorInitializer(cloud.flavorAdmin(), database.clusterLock()), cloud::serviceSession);
                    kubernetes.start();
                }
                LOG.info("Stackpilot {} listening on {}:{} (replica {})", version(), config.bindAddress(),
                        server.port(), config.replicaId());
                return new Daemon(config, cloud, database, statsJob, purgeJob, engine, server, locations, kubernetes);
            } catch (RuntimeException failed) {
                if (kubernetes != null) {
                    kubernetes.close();
                }
                if (engine != null) {
                    engine.stop(Duration.ZERO);
                }
                if (purgeJob != null) {
                    purgeJob.stop();
                }
                if (statsJob != null) {
                    statsJob.close();
                }
                if (database != null) {
                    database.close();
                }
                locations.close();
                cloud.close();
                throw failed;
            }
        }

        /**
         * Graceful stop within {@code STACKPILOT_SHUTDOWN_TIMEOUT} all told (the manifests' grace periods are set
         * from it): the HTTP drain and audit drain, then the statistics job, share one deadline that leaves a
         * reserve for closing the database. Safe to call more than once (later calls return at once).
         */
        public synchronized void stop() {
            if (server.isStopping()) {
                return;
            }
            LOG.info("stopping: finishing in-flight requests and draining the audit queue");
            StopDeadline deadline = StopDeadline.after(config.shutdownTimeout());
            StopDeadline beforeDatabase = deadline.minus(databaseReserve(config.shutdownTimeout()));
            // Each step runs even when one before it failed; the database closes last but for the cloud client.
            RuntimeException failure = null;
            // The Kubernetes controller stops first: it releases its Lease, so another replica leads at once. Then
            // the engine: it takes no new work while the HTTP drain runs, and a step it cannot end in time is left
            // to its leases (another replica takes it over), never to a closed database mid-write.
            for (Runnable step : List.<Runnable>of(this::closeKubernetes, engine::requestStop,
                    () -> server.stop(beforeDatabase),
                    () -> engine.stop(beforeDatabase.left()), () -> statsJob.stop(beforeDatabase.left()),
                    purgeJob::stop, () -> closeWithin(database, deadline), locations::close, cloud::close)) {
                try {
                    step.run();
                } catch (RuntimeException failed) {
                    LOG.error("stopping: {}", failed.toString());
                    failure = failure == null ? failed : failure;
                }
            }
            if (failure != null) {
                throw failure;
            }
            LOG.info("stopped");
        }

        private void closeKubernetes() {
            if (kubernetes != null) {
                kubernetes.close();
            }
        }

        /** A quarter of the budget, at most 5 s: the pool's close and the embedded PostgreSQL's fast stop. */
        static Duration databaseReserve(Duration budget) {
            Duration quarter = budget.dividedBy(4);
            return quarter.compareTo(Duration.ofSeconds(5)) < 0 ? quarter : Duration.ofSeconds(5);
        }

        /** Closes the database, but returns by the deadline even when the close hangs (a half-open connection). */
        private static void closeWithin(Database database, StopDeadline deadline) {
            Thread closing = Thread.ofPlatform().name("database-close").daemon().start(database::close);
            try {
                if (!closing.join(deadline.left())) {
                    LOG.error("stopping: the database did not close by the shutdown deadline; exiting anyway");
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        private static String version() {
            String version = Main.class.getPackage().getImplementationVersion();
            return version == null ? "dev" : version;
        }
    }
}
