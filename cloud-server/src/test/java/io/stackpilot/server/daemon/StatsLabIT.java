package io.stackpilot.server.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackpilot.persistence.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6 end to end: two processes of the jar on one PostgreSQL and the lab (service account admin, statistics
 * every 5 s). As alt-demo (a project no other test launches in) it launches two {@code st-*} servers and deletes
 * them one by one; in every phase the live samples of two consecutive buckets taken while the number of ACTIVE
 * servers stood still must equal that number. Half-way the statistics lease holder is killed with SIGKILL: the
 * other replica must take the lease and no bucket may lack a live sample (a takeover later than one interval
 * would leave a bucket to the backfill). Every (project, bucket) has exactly one row. Prints the takeover time, the
 * collection time seen in the rows, and a real 24-point answer of the statistics endpoint. A second test times
 * collections against the lab in-process and counts their calls.
 */
class StatsLabIT {
    private static final Duration INTERVAL = Duration.ofSeconds(5);
    private static final Duration BOOT_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration CLOUD_POLL = Duration.ofSeconds(1);

    @TempDir
    Path temp;

    @Test
    void samples_follow_the_active_servers_once_per_bucket_and_survive_a_killed_lease_holder() throws Exception {
        try (TestDatabase database = MultiReplicaLabIT.sharedDatabase()) {
            Map<String, String> env = new HashMap<>(LabEnvironment.serviceAccount());
            env.putAll(Map.of("STACKPILOT_ALLOWED_DOMAINS", "Default", "STACKPILOT_DB_URL", database.jdbcUrl(),
                    "STACKPILOT_STATS_INTERVAL", INTERVAL.toString(), "STACKPILOT_DATA_DIR",
                    temp.resolve("data").toString()));
            List<DaemonProcess> replicas = new ArrayList<>();
            LabApi api = null;
            try {
                for (String name : List.of("st-a", "st-b")) {
                    replicas.add(DaemonProcess.launch(name, env, temp));
                }
                replicas.forEach(replica -> replica.awaitHealthy(Duration.ofSeconds(120)));
                api = LabApi.login(replicas.getFirst(), "alt-demo", "demo", "alt-demo");
                api.deleteServersNamed("st-", Duration.ofMinutes(2));
                run(database, replicas, api);
            } finally {
                if (api != null) {
                    LabApi cleaner = api;
                    replicas.stream().filter(DaemonProcess::isAlive).findFirst().ifPresent(alive ->
                            cleaner.on(alive).deleteServersNamed("st-", Duration.ofMinutes(2)));
                }
                replicas.forEach(DaemonProcess::close);
            }
        }
    }

    @Test
    void one_collection_against_the_lab_costs_two_keystone_calls_and_one_nova_page() {
        StatsCollectionCost.Result result = StatsCollectionCost.measure(LabEnvironment.serviceAccount(),
                project -> project.domain().name().equalsIgnoreCase("Default"), 2, 10);

        System.out.println(result.line("stats-lab: collection against the lab (adapter in-process, domain Default)"));
        assertThat(result.projects()).isPositive();
        assertThat(result.callsPerCollection()).isEqualTo(Map.of("identity", 2, "compute", 1));
    }

    private void run(TestDatabase database, List<DaemonProcess> replicas, LabApi api) throws Exception {
        Instant ready = Instant.now();
        String project = api.get("/api/v1/stats/servers?points=1").path("project_id").asText();
        String image = api.idOf("/api/v1/images", "images", "cirros-0.6-lab");
        String network = api.idOf("/api/v1/networks", "networks", "alt-private");
        int base = api.activeServers();
        List<String> phases = new ArrayList<>();

        phases.add(observe(database, api, project, base, "before"));
        String first = api.launch("st-1", image, network);
        String second = api.launch("st-2", image, network);
        awaitCondition("two st- servers ACTIVE", BOOT_TIMEOUT, CLOUD_POLL, () -> api.activeServers() == base + 2);
        phases.add(observe(database, api, project, base + 2, "two launched"));

        String holder = leaseHolder(database).orElseThrow(() -> new AssertionError("no lease holder"));
        DaemonProcess killed = replicas.stream().filter(r -> r.name().equals(holder)).findFirst().orElseThrow();
        DaemonProcess survivor = replicas.stream().filter(r -> r != killed).findFirst().orElseThrow();
        LabApi onSurvivor = api.on(survivor);
        Instant killedAt = Instant.now();
        killed.kill();
        awaitCondition("the survivor holds the lease", Duration.ofSeconds(60),
                () -> leaseHolder(database).filter(survivor.name()::equals).isPresent());
        Duration takeover = Duration.between(killedAt, Instant.now());
        phases.add(observe(database, onSurvivor, project, base + 2, "after SIGKILL of " + killed.name()));

        onSurvivor.delete(first);
        awaitCondition("st-1 gone", BOOT_TIMEOUT, CLOUD_POLL, () -> onSurvivor.activeServers() == base + 1);
        phases.add(observe(database, onSurvivor, project, base + 1, "one deleted"));
        onSurvivor.delete(second);
        awaitCondition("st-2 gone", BOOT_TIMEOUT, CLOUD_POLL, () -> onSurvivor.activeServers() == base);
        phases.add(observe(database, onSurvivor, project, base, "both deleted"));
        Instant end = Instant.now();

        JsonNode answer = onSurvivor.get("/api/v1/stats/servers?points=24");
        Instant from = bucketOf(ready).plus(INTERVAL.multipliedBy(2));
        Instant until = bucketOf(end).minus(INTERVAL);
        long projects = DaemonShutdownIT.count(database, "SELECT count(DISTINCT project_id) FROM server_count_sample");
        long duplicates = DaemonShutdownIT.count(database, "SELECT count(*) FROM (SELECT project_id, bucket"
                + " FROM server_count_sample GROUP BY project_id, bucket HAVING count(*) > 1) AS twice");
        Map<Instant, List<String>> perBucket = rowsPerBucket(database, from, until);
        List<Long> lagMillis = collectionLagMillis(database, from, until);

        System.out.printf("stats-lab: phases (expected running -> live samples of two consecutive buckets): %s%n",
                phases);
        System.out.printf("stats-lab: SIGKILL %s at %s; %s took the lease after %d ms (lease TTL 2.5 s, tick 0.83 s,"
                + " interval 5 s)%n", killed.name(), killedAt, survivor.name(), takeover.toMillis());
        System.out.printf("stats-lab: %d buckets %s..%s, %d projects, duplicate (project, bucket) %d; collected_at -"
                        + " bucket start (lease, lookup, Keystone projects, Nova servers, insert): median %d ms, max"
                        + " %d ms%n", perBucket.size(), from, until, projects, duplicates,
                lagMillis.get(lagMillis.size() / 2), lagMillis.getLast());
        System.out.printf("stats-lab: GET /api/v1/stats/servers?points=24 as alt-demo -> %s%n", answer);

        assertThat(duplicates).isZero();
        assertThat(perBucket).hasSizeGreaterThanOrEqualTo(8).containsKeys(bucketOf(killedAt),
                bucketOf(killedAt).plus(INTERVAL));
        assertThat(perBucket).as("every bucket has one live row per project").allSatisfy((bucket, sources) ->
                assertThat(sources).hasSize((int) projects).containsOnly("live"));
        assertThat(answer.path("points")).hasSize(24);
        List<Instant> at = new ArrayList<>();
        answer.path("points").forEach(point -> at.add(Instant.parse(point.path("at").asText())));
        assertThat(at).isSorted().doesNotHaveDuplicates();
        assertThat(answer.path("points").get(23).path("running").asInt()).isEqualTo(base);
    }

    /**
     * With the ACTIVE count standing at {@code expected}, waits for the live samples of the next two buckets, checks
     * the count still stands, and asserts both samples say {@code expected}.
     */
    private static String observe(TestDatabase database, LabApi api, String project, int expected, String phase)
            throws Exception {
        Instant first = bucketOf(Instant.now()).plus(INTERVAL);
        Instant second = first.plus(INTERVAL);
        awaitCondition("samples of " + first + " and " + second, Duration.ofSeconds(60),
                () -> samples(database, project, first, second.plus(INTERVAL)).size() == 2);
        assertThat(api.activeServers()).as("ACTIVE servers still " + expected + " (" + phase + ")")
                .isEqualTo(expected);
        Map<Instant, Integer> found = samples(database, project, first, second.plus(INTERVAL));
        assertThat(found.values()).as(phase).containsExactly(expected, expected);
        return phase + ": " + expected + " -> " + found.values();
    }

    private static Map<Instant, Integer> samples(TestDatabase database, String project, Instant from, Instant to) {
        Map<Instant, Integer> found = new TreeMap<>();
        query(database, "SELECT bucket, running FROM server_count_sample WHERE project_id = ? AND bucket >= ?"
                + " AND bucket < ? AND source = 'live'", statement -> {
                    statement.setString(1, project);
                    statement.setObject(2, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
                    statement.setObject(3, OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
                }, rows -> found.put(rows.getObject(1, OffsetDateTime.class).toInstant(), rows.getInt(2)));
        return found;
    }

    private static Map<Instant, List<String>> rowsPerBucket(TestDatabase database, Instant from, Instant until) {
        Map<Instant, List<String>> sources = new TreeMap<>();
        for (Instant bucket = from; !bucket.isAfter(until); bucket = bucket.plus(INTERVAL)) {
            sources.put(bucket, new ArrayList<>());
        }
        query(database, "SELECT bucket, source FROM server_count_sample WHERE bucket >= ? AND bucket <= ?",
                statement -> {
                    statement.setObject(1, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
                    statement.setObject(2, OffsetDateTime.ofInstant(until, ZoneOffset.UTC));
                }, rows -> sources.get(rows.getObject(1, OffsetDateTime.class).toInstant()).add(rows.getString(2)));
        return sources;
    }

    /** Per collected bucket, how long after the bucket's start its total was stored, ascending. */
    private static List<Long> collectionLagMillis(TestDatabase database, Instant from, Instant until) {
        List<Long> lags = new ArrayList<>();
        query(database, "SELECT (extract(epoch FROM collected_at - bucket) * 1000)::bigint FROM server_count_sample"
                + " WHERE project_id = '*' AND source = 'live' AND bucket >= ? AND bucket <= ? ORDER BY 1",
                statement -> {
                    statement.setObject(1, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
                    statement.setObject(2, OffsetDateTime.ofInstant(until, ZoneOffset.UTC));
                }, rows -> lags.add(rows.getLong(1)));
        return lags;
    }

    private static Optional<String> leaseHolder(TestDatabase database) {
        List<String> holders = new ArrayList<>();
        query(database, "SELECT holder FROM lease WHERE name = 'stats-collector' AND expires_at > now()",
                statement -> { }, rows -> holders.add(rows.getString(1)));
        return holders.stream().findFirst();
    }

    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private interface RowReader {
        void read(ResultSet rows) throws SQLException;
    }

    private static void query(TestDatabase database, String sql, Binder binder, RowReader reader) {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl());
             PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    reader.read(rows);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** Polls the database every 100 ms; conditions that ask the cloud pass a longer poll. */
    private static void awaitCondition(String what, Duration timeout, BooleanSupplier condition) {
        awaitCondition(what, timeout, Duration.ofMillis(100), condition);
    }

    private static void awaitCondition(String what, Duration timeout, Duration poll, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within " + timeout + ": " + what);
            }
            DaemonProcess.sleep(poll);
        }
    }

    private static Instant bucketOf(Instant at) {
        long seconds = INTERVAL.toSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(at.getEpochSecond(), seconds) * seconds);
    }
}
