package io.stackpilot.server;

import io.stackpilot.core.stats.AllowedProjects;
import io.stackpilot.core.stats.StatsBuckets;
import io.stackpilot.core.stats.StatsQuery;
import io.stackpilot.openstack.CloudSettings;
import io.stackpilot.openstack.OpenStackCloud;
import io.stackpilot.persistence.Database;
import io.stackpilot.persistence.DatabaseSettings;
import io.stackpilot.server.config.InvalidConfigurationException;
import io.stackpilot.server.config.ServerConfig;
import io.stackpilot.server.http.StatsRoutes;
import io.stackpilot.server.jobs.StatsJob;
import io.stackpilot.server.logging.JulBridge;
import io.stackpilot.server.logging.LogSettings;
import io.stackpilot.server.logging.StackpilotLoggerFactory;
import io.stackpilot.server.metrics.ServerMetrics;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: reads the configuration of every module (all problems reported at once), connects the
 * OpenStack adapter and the database, starts the statistics job and the HTTP server; SIGTERM stops it gracefully
 * (stop accepting, finish in-flight requests, drain the audit queue, release the statistics lease, close the
 * database).
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

    /** The running parts of one process, stopped in reverse order of their start. */
    public record Daemon(ServerConfig config, OpenStackCloud cloud, Database database, StatsJob statsJob,
                         StackpilotServer server) {

        /** Reads the configuration, then starts everything; a partial start is undone before the error is thrown. */
        public static Daemon start(Map<String, String> env, Clock clock) {
            List<String> problems = new ArrayList<>();
            ServerConfig config = ServerConfig.fromEnvironment(env, problems);
            CloudSettings cloudSettings = CloudSettings.fromEnvironment(env, problems);
            DatabaseSettings databaseSettings = DatabaseSettings.fromEnvironment(env, problems);
            StatsBuckets buckets = statsBuckets(config, problems);
            LogSettings logSettings = LogSettings.fromEnvironment(env, problems);
            if (!problems.isEmpty()) {
                throw new InvalidConfigurationException(problems);
            }
            if (LoggerFactory.getILoggerFactory() instanceof StackpilotLoggerFactory logging) {
                logging.configure(logSettings);
            }
            JulBridge.install();
            ServerConfig.unknownVariables(env).forEach(name -> LOG.warn("unknown variable {} is ignored", name));

            ServerMetrics metrics = new ServerMetrics(clock);
            OpenStackCloud cloud = OpenStackCloud.connect(cloudSettings, metrics.upstream()::onResponse);
            Database database = null;
            StatsJob statsJob = null;
            try {
                database = Database.start(databaseSettings);
                AllowedProjects allowedProjects = AllowedProjects.of(cloud.identity(), config.accessPolicy()::allows);
                statsJob = StatsJob.create(cloud.compute(), cloud::serviceSession, allowedProjects,
                        database.statsSamples(), database.leases(), buckets, config.statsRetention(),
                        database.auditLog(), config.auditRetention(), config.replicaId(), clock);
                Database db = database;
                ServerDependencies deps = new ServerDependencies(config, clock, cloud.location(), cloud.identity(),
                        cloud.compute(), cloud.images(), cloud.networks(), database.auditLog(),
                        database.idempotencyKeys(), db::isReachable, metrics.upstream()::identityHealthy, metrics,
                        List.of(new StatsRoutes(new StatsQuery(database.statsSamples(), buckets, clock),
                                allowedProjects)),
                        ServerTuning.defaults());
                StackpilotServer server = new StackpilotServer(deps).start();
                statsJob.start();
                LOG.info("Stackpilot {} listening on {}:{} (replica {})", version(), config.bindAddress(),
                        server.port(), config.replicaId());
                return new Daemon(config, cloud, database, statsJob, server);
            } catch (RuntimeException failed) {
                if (statsJob != null) {
                    statsJob.close();
                }
                if (database != null) {
                    database.close();
                }
                cloud.close();
                throw failed;
            }
        }

        /** Graceful stop; safe to call more than once (later calls return at once). */
        public synchronized void stop() {
            if (server.isStopping()) {
                return;
            }
            LOG.info("stopping: finishing in-flight requests and draining the audit queue");
            // Each step runs even when one before it failed; the database closes last but for the cloud client.
            RuntimeException failure = null;
            for (Runnable step : List.<Runnable>of(server::stop, () -> statsJob.stop(config.shutdownTimeout()),
                    database::close, cloud::close)) {
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

        private static StatsBuckets statsBuckets(ServerConfig config, List<String> problems) {
            if (config == null || config.statsInterval() == null) {
                return null;
            }
            try {
                return new StatsBuckets(config.statsInterval());
            } catch (IllegalArgumentException invalid) {
                problems.add("STACKPILOT_STATS_INTERVAL: " + invalid.getMessage());
                return null;
            }
        }

        private static String version() {
            String version = Main.class.getPackage().getImplementationVersion();
            return version == null ? "dev" : version;
        }
    }
}
