package io.stackpilot.server.daemon;

import io.stackpilot.persistence.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Replicas of the jar on one fresh PostgreSQL database ({@link MultiReplicaLabIT#sharedDatabase()}) against the lab,
 * as the multi-replica lab tests run them: the lab's admin as service account, a reconcile interval of 3 s, no login
 * rate limit, one data directory, plus the test's own settings. {@link #stop()} kills every replica launched through
 * it; {@link #close()} stops them and drops the database. Not thread-safe: one test's thread uses it.
 */
final class LabReplicas implements AutoCloseable {
    private static final Duration HEALTHY = Duration.ofSeconds(180);

    private final TestDatabase database;
    private final Map<String, String> env;
    private final Path logs;
    private final List<DaemonProcess> replicas = new ArrayList<>();
    private final List<DaemonProcess> launched = new ArrayList<>();

    private LabReplicas(TestDatabase database, Map<String, String> env, Path logs) {
        this.database = database;
        this.env = env;
        this.logs = logs;
    }

    /**
     * Starts one replica per name together and waits until each is healthy; {@code settings} are added to (or
     * override) the common ones. Logs and the data directory go under {@code temp}.
     */
    static LabReplicas start(Path temp, Map<String, String> settings, String... names) {
        TestDatabase database = MultiReplicaLabIT.sharedDatabase();
        Map<String, String> env = new HashMap<>(LabEnvironment.serviceAccount());
        env.putAll(Map.of("STACKPILOT_DB_URL", database.jdbcUrl(), "STACKPILOT_RECONCILE_INTERVAL", "PT3S",
                "STACKPILOT_LOGIN_RATE_LIMIT", "off", "STACKPILOT_DATA_DIR", temp.resolve("data").toString()));
        env.putAll(settings);
        LabReplicas lab = new LabReplicas(database, Map.copyOf(env), temp);
        try {
            for (String name : names) {
                lab.replicas.add(lab.track(DaemonProcess.launch(name, lab.env, temp)));
            }
            lab.replicas.forEach(replica -> replica.awaitHealthy(HEALTHY));
            return lab;
        } catch (RuntimeException | AssertionError failed) {
            lab.close();
            throw failed;
        }
    }

    /** The replicas started together, in the order of their names; the test may replace entries. */
    List<DaemonProcess> replicas() {
        return replicas;
    }

    /** One more replica with the same settings, healthy; stopped with the others. */
    DaemonProcess launch(String name) {
        return track(DaemonProcess.launch(name, env, logs)).awaitHealthy(HEALTHY);
    }

    TestDatabase database() {
        return database;
    }

    /** Kills every replica launched through this (so that none recreates what the test deletes next). */
    void stop() {
        launched.forEach(DaemonProcess::close);
    }

    @Override
    public void close() {
        try {
            stop();
        } finally {
            database.close();
        }
    }

    private DaemonProcess track(DaemonProcess replica) {
        launched.add(replica);
        return replica;
    }
}
