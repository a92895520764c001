package io.stackpilot.server;

import io.stackpilot.server.config.InvalidConfigurationException;
import io.stackpilot.server.config.ServerConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: reads the configuration of every module (all problems reported at once), connects the
 * OpenStack adapter and the database, and starts the server; SIGTERM stops it gracefully.
 *
 * <p>The adapter and persistence modules are wired where marked: until then the daemon refuses to start.
 */
public final class Main {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) {
        try {
            StackpilotServer server = start(System.getenv()).start();
            Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("shutdown").unstarted(server::stop));
        } catch (InvalidConfigurationException invalid) {
            System.err.println(invalid.getMessage());
            System.exit(2);
        } catch (IllegalStateException notWired) {
            System.err.println(notWired.getMessage());
            System.exit(3);
        }
    }

    /** Builds the server from the environment (not started). */
    static StackpilotServer start(Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        ServerConfig config = ServerConfig.fromEnvironment(env, problems);
        // Wiring for the lead (the pinned entry points of the adapter and persistence modules):
        //   CloudSettings cloudSettings = CloudSettings.fromEnvironment(env, problems);
        //   DatabaseSettings databaseSettings = DatabaseSettings.fromEnvironment(env, problems);
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        ServerConfig.unknownVariables(env).forEach(name -> LOG.warn("unknown variable {} is ignored", name));
        //   Clock clock = Clock.systemUTC();
        //   ServerMetrics metrics = new ServerMetrics(clock);
        //   OpenStackCloud cloud = OpenStackCloud.connect(cloudSettings, metrics.upstream()::onResponse);
        //   Database database = Database.start(databaseSettings);
        //   ServerDependencies deps = new ServerDependencies(config, clock, cloud.location(), cloud.identity(),
        //           cloud.compute(), cloud.images(), cloud.networks(), database.auditLog(),
        //           database.idempotencyKeys(), database::isReachable, metrics.upstream()::identityHealthy, metrics,
        //           List.of(/* statistics route group */), ServerTuning.defaults());
        //   return new StackpilotServer(deps);   // and close cloud and database after server.stop()
        throw new IllegalStateException("Stackpilot cannot start yet: the OpenStack adapter and database wiring "
                + "in io.stackpilot.server.Main is pending (configuration for port " + config.port() + " is valid)");
    }
}
