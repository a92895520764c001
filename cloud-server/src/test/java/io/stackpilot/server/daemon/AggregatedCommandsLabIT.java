package io.stackpilot.server.daemon;

import static io.stackpilot.server.daemon.ManagedServerLabIT.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackpilot.persistence.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17's aggregated commands against the lab: three replicas of the jar on one PostgreSQL, five clients sending
 * fifty declare/delete commands at once (each client its own names, its commands in order, spread over the
 * replicas), in the demo project of the daemon's own cloud, with {@code STACKPILOT_LOCATION_CONCURRENCY=2}. Then
 * the final state equals each name's last accepted intent: a declared name has one Ready managed server and exactly
 * one VM with its marker, a deleted one neither; no VM of the test carries a marker without a record. A declare
 * while the name is being deleted is refused with 409 (the record is still there); the client sends it again until
 * it is accepted, so its intent stays the last. At most 10 names, as demo's quota allows, and all deleted at the end.
 */
class AggregatedCommandsLabIT {
    private static final String PREFIX = "queue-agg-";
    private static final int CLIENTS = 5;
    private static final int COMMANDS_PER_CLIENT = 10;
    private static final Duration CONVERGE = Duration.ofMinutes(8);
    private static final String SPEC = "{\"flavor\":\"m1.tiny\",\"image\":\"cirros-0.6-lab\",\"networks\":[\"private\"]}";

    @TempDir
    Path temp;

    @Test
    void fifty_commands_from_five_clients_over_three_replicas_end_in_the_last_intent_per_name() throws Exception {
        int names = namesDemoHasRoomFor();
        assertThat(names).as("free instances in demo (other tests run too)").isGreaterThanOrEqualTo(CLIENTS);
        try (LabReplicas lab = LabReplicas.start(temp, Map.of("STACKPILOT_ALLOWED_PROJECTS", "demo",
                "STACKPILOT_LOCATION_CONCURRENCY", "2"), "queue-a", "queue-b", "queue-c")) {
            List<DaemonProcess> replicas = lab.replicas();
            try {
                run(lab.database(), replicas, names);
            } finally {
                try {
                    // Through the engine first: a VM deleted behind its back would be recreated.
                    String token = login(replicas.getLast());
                    for (int i = 0; i < names; i++) {
                        send(replicas.getLast(), token, "DELETE", "/api/v1/managed-servers/" + PREFIX + i, null);
                    }
                    awaitNoRecords(replicas.getLast(), token);
                } catch (RuntimeException | AssertionError notServing) {
                    System.out.println("cleanup through the API failed: " + notServing);
                }
                lab.stop();
                ManagedServerLabIT.Nova nova = ManagedServerLabIT.Nova.asAdminIn("demo");
                nova.serversNamed(PREFIX).forEach(nova::delete);
            }
        }
    }

    private void run(TestDatabase database, List<DaemonProcess> replicas, int names) throws Exception {
        String token = login(replicas.getFirst());
        Map<String, Boolean> lastIntent = new ConcurrentHashMap<>();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<Integer>> sent = new ArrayList<>();
        long started = System.nanoTime();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            sent.add(clients.submit(() -> client(client, replicas, token, names, lastIntent)));
        }
        int retried = 0;
        for (Future<Integer> client : sent) {
            retried += client.get();
        }
        clients.shutdown();
        double commandsSeconds = (System.nanoTime() - started) / 1e9;

        long deadline = System.nanoTime() + CONVERGE.toNanos();
        Map<String, String> phases = Map.of();
        while (System.nanoTime() < deadline) {
            phases = phases(replicas.get(1), token);
            if (matches(phases, lastIntent) && DaemonShutdownIT.count(database,
                    "SELECT count(*) FROM operation WHERE state IN ('queued', 'running')") == 0) {
                break;
            }
            DaemonProcess.sleep(Duration.ofSeconds(2));
        }
        Map<String, List<String>> vmsByMarker = vmsByMarker();
        Map<String, String> recordIds = recordIds(replicas.get(2), token);
        long cancelled = DaemonShutdownIT.count(database, "SELECT count(*) FROM operation WHERE state = 'cancelled'");
        long operations = DaemonShutdownIT.count(database, "SELECT count(*) FROM operation");
        long wrongLocation = DaemonShutdownIT.count(database,
                "SELECT count(*) FROM operation WHERE location <> 'default/RegionOne'");
        System.out.printf("BENCHMARK aggregated commands: %d commands from %d clients over %d replicas on %d names in"
                        + " %.1f s (%d declares sent again after a 409); %d operations (%d coalesced away); final"
                        + " %s; %.1f s to converge%n", CLIENTS * COMMANDS_PER_CLIENT, CLIENTS, replicas.size(), names,
                commandsSeconds, retried, operations, cancelled, phases,
                (System.nanoTime() - started) / 1e9 - commandsSeconds);

        assertThat(matches(phases, lastIntent)).as("phases %s, last intents %s", phases, lastIntent).isTrue();
        long declared = lastIntent.values().stream().filter(Boolean::booleanValue).count();
        assertThat(recordIds).hasSize((int) declared);
        assertThat(vmsByMarker).as("every VM with the marker has a record, one VM per record")
                .containsOnlyKeys(recordIds.values())
                .allSatisfy((marker, vms) -> assertThat(vms).as(marker).hasSize(1));
        assertThat(wrongLocation).isZero();
    }

    /** One client: its own names, its commands one after another, through the replicas in turn. */
    private static int client(int client, List<DaemonProcess> replicas, String token, int names,
                              Map<String, Boolean> lastIntent) {
        Random random = new Random(17L * (client + 1));
        List<String> owned = new ArrayList<>();
        for (int n = client; n < names; n += CLIENTS) {
            owned.add(PREFIX + n);
        }
        int retried = 0;
        for (int j = 0; j < COMMANDS_PER_CLIENT; j++) {
            String name = owned.get(j % owned.size());
            DaemonProcess replica = replicas.get((client + j) % replicas.size());
            boolean declare = random.nextInt(3) > 0;
            if (declare) {
                long until = System.nanoTime() + Duration.ofMinutes(3).toNanos();
                HttpResponse<String> answer = send(replica, token, "PUT", "/api/v1/managed-servers/" + name, SPEC);
                while (answer.statusCode() == 409 && System.nanoTime() < until) {
                    retried++;
                    DaemonProcess.sleep(Duration.ofSeconds(1));
                    answer = send(replica, token, "PUT", "/api/v1/managed-servers/" + name, SPEC);
                }
                assertThat(answer.statusCode()).as(name + ": " + answer.body()).isIn(200, 201);
            } else {
                HttpResponse<String> answer = send(replica, token, "DELETE", "/api/v1/managed-servers/" + name, null);
                assertThat(answer.statusCode()).as(name + ": " + answer.body()).isIn(202, 404);
            }
            lastIntent.put(name, declare);
        }
        return retried;
    }

    private static boolean matches(Map<String, String> phases, Map<String, Boolean> lastIntent) {
        return lastIntent.entrySet().stream().allMatch(intent -> intent.getValue()
                ? "Ready".equals(phases.get(intent.getKey())) : !phases.containsKey(intent.getKey()));
    }

    private static Map<String, String> phases(DaemonProcess replica, String token) {
        Map<String, String> phases = new HashMap<>();
        for (JsonNode resource : json(send(replica, token, "GET", "/api/v1/managed-servers?limit=100", null).body())
                .path("managed_servers")) {
            if (resource.path("name").asText().startsWith(PREFIX)) {
                phases.put(resource.path("name").asText(), resource.path("status").path("phase").asText());
            }
        }
        return phases;
    }

    private static Map<String, String> recordIds(DaemonProcess replica, String token) {
        Map<String, String> ids = new HashMap<>();
        for (JsonNode resource : json(send(replica, token, "GET", "/api/v1/managed-servers?limit=100", null).body())
                .path("managed_servers")) {
            if (resource.path("name").asText().startsWith(PREFIX)) {
                ids.put(resource.path("name").asText(), resource.path("id").asText());
            }
        }
        return ids;
    }

    /** The test's VMs in demo (by name), grouped by their stackpilot:managed marker. */
    private static Map<String, List<String>> vmsByMarker() {
        ManagedServerLabIT.Nova nova = ManagedServerLabIT.Nova.asAdminIn("demo");
        JsonNode servers = json(ManagedServerLabIT.Nova.send(HttpRequest.newBuilder(URI.create(nova.url()
                + "/servers/detail?name=" + PREFIX)).header("X-Auth-Token", nova.token()).GET()).body())
                .path("servers");
        Map<String, List<String>> byMarker = new HashMap<>();
        for (JsonNode server : servers) {
            String marker = server.path("metadata").path("stackpilot:managed").asText("");
            byMarker.computeIfAbsent(marker.isEmpty() ? "(no marker) " + server.path("id").asText() : marker,
                    m -> new ArrayList<>()).add(server.path("id").asText());
        }
        return byMarker;
    }

    /** How many VMs the demo project may still start (its quota minus what runs now), at most 10. */
    private static int namesDemoHasRoomFor() {
        ManagedServerLabIT.Nova nova = ManagedServerLabIT.Nova.asAdminIn("demo");
        JsonNode absolute = json(ManagedServerLabIT.Nova.send(HttpRequest.newBuilder(URI.create(nova.url()
                + "/limits")).header("X-Auth-Token", nova.token()).GET()).body()).path("limits").path("absolute");
        int free = absolute.path("maxTotalInstances").asInt() - absolute.path("totalInstancesUsed").asInt();
        System.out.printf("demo: %d of %d instances used%n", absolute.path("totalInstancesUsed").asInt(),
                absolute.path("maxTotalInstances").asInt());
        return Math.min(10, free);
    }

    private static void awaitNoRecords(DaemonProcess replica, String token) {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (!phases(replica, token).isEmpty() && System.nanoTime() < deadline) {
            DaemonProcess.sleep(Duration.ofSeconds(2));
        }
    }

    private static String login(DaemonProcess replica) {
        HttpResponse<String> login = send(replica, null, "POST", "/api/v1/auth/tokens",
                "{\"username\":\"demo\",\"password\":\"demo\",\"project\":\"demo\"}");
        assertThat(login.statusCode()).as(login.body()).isEqualTo(201);
        return json(login.body()).path("token").asText();
    }

    private static HttpResponse<String> send(DaemonProcess replica, String token, String method, String path,
                                             String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(replica.baseUrl() + path))
                .timeout(Duration.ofSeconds(60)).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("X-Auth-Token", token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return ManagedServerLabIT.Nova.send(request);
    }
}
