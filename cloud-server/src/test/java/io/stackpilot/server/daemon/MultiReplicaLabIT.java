package io.stackpilot.server.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stackpilot.persistence.testing.TestDatabase;
import io.stackpilot.persistence.testing.TestDatabases;
import io.stackpilot.persistence.testing.TestServer;
import io.stackpilot.server.daemon.RoundRobinLoad.Sent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8 end to end: three processes of the jar on one PostgreSQL and the lab (service account admin), statistics
 * every 5 s. Four client threads send ~40 s of requests round-robin (catalog, server lists, statistics, a few
 * launches and deletes of {@code mr-*} servers as demo, some 4xx). At 12 s the statistics lease holder is killed
 * with SIGKILL, at 24 s the next holder is stopped with SIGTERM; the last one is stopped with SIGTERM at the end.
 *
 * <p>The rule for failures: the client withdraws a replica from its rotation before it signals it, so no request is
 * sent to a replica after its kill or stop began. A failure is an I/O error or a 5xx. Every failure counts, except
 * the requests to the SIGKILL'd replica that ended after the kill began (a SIGKILL loses them by definition). So
 * every request to the SIGTERM'd replica (all sent before its stop, many in flight during it) and to the survivor
 * must succeed. Every answered request of those two replicas must have its audit row (matched by X-Request-Id).
 * Statistics: at most one row per (project, bucket) (the table's key, checked anyway) and, for every bucket from
 * one interval after all replicas were ready to one interval before the survivor stopped, a row for every project.
 */
class MultiReplicaLabIT {
    private static final Duration INTERVAL = Duration.ofSeconds(5);
    private static final Duration LOAD = Duration.ofSeconds(40);
    private static final Duration KILL_AT = Duration.ofSeconds(12);
    private static final Duration TERMINATE_AT = Duration.ofSeconds(24);
    private static final int CLIENT_THREADS = 4;
    private static final int MAX_LAUNCHES = 4;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    @Test
    void three_replicas_lose_no_request_no_audit_row_and_no_statistics_bucket() throws Exception {
        try (TestDatabase database = sharedDatabase()) {
            Map<String, String> env = new HashMap<>(Map.of("OS_AUTH_URL", "http://127.0.0.1:5000/v3",
                    "OS_USERNAME", "admin", "OS_PASSWORD", "admin", "OS_PROJECT_NAME", "admin",
                    "OS_USER_DOMAIN_NAME", "Default", "OS_PROJECT_DOMAIN_NAME", "Default",
                    "OS_REGION_NAME", "RegionOne", "OS_INTERFACE", "public"));
            env.putAll(Map.of("STACKPILOT_ALLOWED_DOMAINS", "Default", "STACKPILOT_DB_URL", database.jdbcUrl(),
                    "STACKPILOT_STATS_INTERVAL", INTERVAL.toString(), "STACKPILOT_SHUTDOWN_TIMEOUT", "PT20S",
                    "STACKPILOT_DATA_DIR", temp.resolve("data").toString()));
            List<DaemonProcess> replicas = new ArrayList<>();
            try {
                for (String name : List.of("a", "b", "c")) {
                    replicas.add(DaemonProcess.launch(name, env, temp));
                }
                replicas.forEach(replica -> replica.awaitHealthy(Duration.ofSeconds(120)));
                run(database, replicas);
            } finally {
                replicas.forEach(DaemonProcess::close);
            }
        }
    }

    private void run(TestDatabase database, List<DaemonProcess> replicas) throws Exception {
        Instant ready = Instant.now();
        String token = demoToken(replicas.getFirst());
        RoundRobinLoad load = new RoundRobinLoad(replicas, token);
        String launchBody = launchBody(load);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger launches = new AtomicInteger();
        ConcurrentLinkedQueue<String> launched = new ConcurrentLinkedQueue<>();
        long start = System.nanoTime();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENT_THREADS);
        for (int thread = 0; thread < CLIENT_THREADS; thread++) {
            int number = thread;
            clients.submit(() -> clientLoop(number, load, running, launches, launched, launchBody));
        }

        sleepUntil(start, KILL_AT);
        DaemonProcess killed = replicaNamed(replicas, leaseHolder(database).orElse("a"));
        long killedAt = load.withdraw(killed);
        killed.kill();
        System.out.printf("multi-replica: SIGKILL %s (statistics lease holder) at %ds%n", killed.name(),
                KILL_AT.toSeconds());

        sleepUntil(start, TERMINATE_AT);
        String holder = leaseHolder(database).filter(name -> !name.equals(killed.name())).orElse(null);
        DaemonProcess stopped = holder != null ? replicaNamed(replicas, holder)
                : replicas.stream().filter(r -> r != killed).findFirst().orElseThrow();
        load.withdraw(stopped);
        stopped.terminate();
        System.out.printf("multi-replica: SIGTERM %s (lease holder: %s) at %ds%n", stopped.name(), holder,
                TERMINATE_AT.toSeconds());
        DaemonProcess survivor = replicas.stream().filter(r -> r != killed && r != stopped).findFirst().orElseThrow();

        sleepUntil(start, LOAD);
        running.set(false);
        clients.shutdown();
        assertThat(clients.awaitTermination(90, TimeUnit.SECONDS)).isTrue();
        deleteOurServers(survivor, token, launched);
        Instant end = Instant.now();
        load.withdraw(survivor);
        survivor.terminate();
        int stoppedStatus = stopped.awaitExit(Duration.ofSeconds(60));
        int survivorStatus = survivor.awaitExit(Duration.ofSeconds(60));

        List<Sent> sent = load.sent();
        List<Sent> failures = sent.stream().filter(Sent::failed)
                .filter(s -> !(s.replica().equals(killed.name()) && s.doneNanos() >= killedAt)).toList();
        long lostToKill = sent.stream().filter(Sent::failed)
                .filter(s -> s.replica().equals(killed.name()) && s.doneNanos() >= killedAt).count();
        Set<String> audited = auditedRequestIds(database);
        List<String> expected = sent.stream().filter(Sent::answered)
                .filter(s -> s.replica().equals(stopped.name()) || s.replica().equals(survivor.name()))
                .map(Sent::requestId).toList();
        List<String> missing = expected.stream().filter(id -> !audited.contains(id)).toList();
        long killedAnswered = sent.stream().filter(s -> s.replica().equals(killed.name())).filter(Sent::answered)
                .count();
        long killedAudited = sent.stream().filter(s -> s.replica().equals(killed.name())).filter(Sent::answered)
                .filter(s -> audited.contains(s.requestId())).count();
        Instant from = bucketOf(ready).plus(INTERVAL.multipliedBy(2));
        Instant until = bucketOf(end).minus(INTERVAL);
        Map<Instant, Integer> perBucket = samplesPerBucket(database, from, until);
        long projects = count(database, "SELECT count(DISTINCT project_id) FROM server_count_sample");
        long duplicates = count(database, "SELECT count(*) FROM (SELECT project_id, bucket FROM server_count_sample"
                + " GROUP BY project_id, bucket HAVING count(*) > 1) AS twice");

        System.out.printf("multi-replica: requests sent %d (answered %d; per replica %s), launches %d, failed %d"
                        + " (%s), lost in flight to SIGKILL %d%n", sent.size(), sent.stream().filter(Sent::answered).count(),
                perReplica(sent), launches.get(), failures.size(), failures.stream().limit(5).toList(), lostToKill);
        System.out.printf("multi-replica: answers by status %s%n", byStatus(sent));
        System.out.printf("multi-replica: audit rows found %d / expected %d (SIGTERM'd %s + survivor %s); killed %s:"
                        + " %d of %d answered requests audited (not required)%n", expected.size() - missing.size(),
                expected.size(), stopped.name(), survivor.name(), killed.name(), killedAudited, killedAnswered);
        System.out.printf("multi-replica: statistics projects %d, duplicate (project, bucket) %d, samples per bucket"
                + " %s..%s: %s%n", projects, duplicates, from, until, perBucket);
        System.out.printf("multi-replica: exit status SIGTERM'd %d, survivor %d%n", stoppedStatus, survivorStatus);

        assertThat(failures).as("failed requests to live replicas").isEmpty();
        assertThat(missing).as("answered requests without an audit row").isEmpty();
        assertThat(expected).hasSizeGreaterThan(50);
        assertThat(stoppedStatus).isZero();
        assertThat(survivorStatus).isZero();
        assertThat(duplicates).isZero();
        assertThat(projects).isPositive();
        assertThat(perBucket).hasSizeGreaterThanOrEqualTo(4);
        assertThat(perBucket.values()).as("samples per bucket").allMatch(samples -> samples == projects);
    }

    private static void clientLoop(int thread, RoundRobinLoad load, AtomicBoolean running, AtomicInteger launches,
                                   ConcurrentLinkedQueue<String> launched, String launchBody) {
        int iteration = 0;
        String toDelete = null;
        while (running.get()) {
            iteration++;
            if (thread == 0 && iteration % 12 == 0 && launches.get() < MAX_LAUNCHES) {
                Sent launch = load.send("POST", "/api/v1/servers", launchBody.replace("NAME",
                        "mr-" + launches.incrementAndGet()));
                if (launch.status() == 202) {
                    toDelete = json(load.lastBody()).path("id").asText();
                    launched.add(toDelete);
                }
            } else if (thread == 0 && toDelete != null && iteration % 12 == 6) {
                Sent delete = load.send("DELETE", "/api/v1/servers/" + toDelete, null);
                if (delete.status() == 202 || delete.status() == 404) {
                    launched.remove(toDelete);
                }
                toDelete = null;
            } else {
                switch ((iteration + thread) % 5) {
                    case 0 -> load.send("GET", "/api/v1/flavors", null);
                    case 1 -> load.send("GET", "/api/v1/servers?limit=20", null);
                    case 2 -> load.send("GET", "/api/v1/stats/servers?points=6", null);
                    case 3 -> load.send("GET", "/api/v1/audit", null);                  // 403: demo is no admin
                    default -> load.send("POST", "/api/v1/servers", "{\"name\": \"\"}"); // 400
                }
            }
            DaemonProcess.sleep(Duration.ofMillis(50));
        }
    }

    private static String launchBody(RoundRobinLoad load) {
        load.send("GET", "/api/v1/images", null);
        String image = find(json(load.lastBody()).path("images"), "cirros-0.6-lab");
        load.send("GET", "/api/v1/networks", null);
        String network = find(json(load.lastBody()).path("networks"), "private");
        return "{\"name\": \"NAME\", \"flavor_id\": \"1\", \"image_id\": \"" + image + "\", \"network_ids\": [\""
                + network + "\"]}";
    }

    private static String find(JsonNode items, String name) {
        for (JsonNode item : items) {
            if (item.path("name").asText().equals(name)) {
                return item.path("id").asText();
            }
        }
        throw new AssertionError("no " + name + " in " + items);
    }

    /** Deletes what the run launched and did not delete, plus any mr-* server of demo left by an earlier run. */
    private static void deleteOurServers(DaemonProcess replica, String token, ConcurrentLinkedQueue<String> launched)
            throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Set<String> ids = new HashSet<>(launched);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        do {
            HttpResponse<String> list = http.send(request(replica, token, "/api/v1/servers?name=mr-").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            ids.clear();
            for (JsonNode server : json(list.body()).path("servers")) {
                if (server.path("name").asText().startsWith("mr-")) {
                    ids.add(server.path("id").asText());
                }
            }
            for (String id : ids) {
                http.send(request(replica, token, "/api/v1/servers/" + id).DELETE().build(),
                        HttpResponse.BodyHandlers.discarding());
            }
            if (!ids.isEmpty()) {
                DaemonProcess.sleep(Duration.ofSeconds(2));
            }
        } while (!ids.isEmpty() && System.nanoTime() < deadline);
    }

    private static String demoToken(DaemonProcess replica) throws Exception {
        HttpResponse<String> login = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(replica.baseUrl() + "/api/v1/auth/tokens")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"demo\",\"password\":\"demo\","
                        + "\"project\":\"demo\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).as(login.body()).isEqualTo(201);
        return json(login.body()).path("token").asText();
    }

    private static HttpRequest.Builder request(DaemonProcess replica, String token, String path) {
        return HttpRequest.newBuilder(URI.create(replica.baseUrl() + path)).header("X-Auth-Token", token)
                .timeout(Duration.ofSeconds(30));
    }

    private static Map<String, Long> perReplica(List<Sent> sent) {
        Map<String, Long> counts = new TreeMap<>();
        sent.forEach(s -> counts.merge(s.replica(), 1L, Long::sum));
        return counts;
    }

    private static Map<String, Long> byStatus(List<Sent> sent) {
        Map<String, Long> counts = new TreeMap<>();
        sent.forEach(s -> counts.merge(s.method() + " " + s.path().replaceAll("/[0-9a-f-]{36}$", "/{id}")
                .replaceAll("\\?.*$", "") + " " + s.status(), 1L, Long::sum));
        return counts;
    }

    private static Instant bucketOf(Instant at) {
        long seconds = INTERVAL.toSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(at.getEpochSecond(), seconds) * seconds);
    }

    private static DaemonProcess replicaNamed(List<DaemonProcess> replicas, String name) {
        return replicas.stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no replica " + name));
    }

    private static void sleepUntil(long start, Duration offset) {
        long left = start + offset.toNanos() - System.nanoTime();
        if (left > 0) {
            DaemonProcess.sleep(Duration.ofNanos(left));
        }
    }

    private static java.util.Optional<String> leaseHolder(TestDatabase database) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl());
             ResultSet rows = connection.createStatement().executeQuery(
                     "SELECT holder FROM lease WHERE name = 'stats-collector' AND expires_at > now()")) {
            return rows.next() ? java.util.Optional.of(rows.getString(1)) : java.util.Optional.empty();
        }
    }

    private static Set<String> auditedRequestIds(TestDatabase database) throws SQLException {
        Set<String> ids = new HashSet<>();
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl());
             ResultSet rows = connection.createStatement().executeQuery(
                     "SELECT request_id FROM api_request WHERE request_id LIKE 'mr-%'")) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }

    private static Map<Instant, Integer> samplesPerBucket(TestDatabase database, Instant from, Instant until)
            throws SQLException {
        Map<Instant, Integer> counts = new TreeMap<>();
        for (Instant bucket = from; !bucket.isAfter(until); bucket = bucket.plus(INTERVAL)) {
            counts.put(bucket, 0);
        }
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl());
             var query = connection.prepareStatement("SELECT bucket, count(*) FROM server_count_sample"
                     + " WHERE bucket >= ? AND bucket <= ? GROUP BY bucket")) {
            query.setObject(1, OffsetDateTime.ofInstant(from, java.time.ZoneOffset.UTC));
            query.setObject(2, OffsetDateTime.ofInstant(until, java.time.ZoneOffset.UTC));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    counts.put(rows.getObject(1, OffsetDateTime.class).toInstant(), rows.getInt(2));
                }
            }
        }
        return counts;
    }

    private static long count(TestDatabase database, String query) throws SQLException {
        return DaemonShutdownIT.count(database, query);
    }

    /**
     * A fresh database on the server CI names ({@code STACKPILOT_TEST_DB_URL}), else on the machine's PostgreSQL
     * (127.0.0.1:5432) when it answers, else on an embedded one.
     */
    static TestDatabase sharedDatabase() {
        if (TestDatabases.external().isPresent()) {
            return TestDatabases.external().get().createEmptyDatabase();
        }
        String local = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";
        try (Connection probe = DriverManager.getConnection(local)) {
            return new TestServer("local", local).createEmptyDatabase();
        } catch (SQLException unreachable) {
            return TestDatabases.embedded().createEmptyDatabase();
        }
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body == null ? "{}" : body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
