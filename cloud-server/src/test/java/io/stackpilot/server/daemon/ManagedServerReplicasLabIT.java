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
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15's multi-replica case against the lab: three processes of the jar on one PostgreSQL, 30 managed servers
 * declared concurrently through all three, one replica SIGKILLed while the creates run. Then exactly 30 VMs carry
 * the marker in Nova, none twice; no operation is left running past its lease; every operation ended succeeded or
 * failed with a reason. The lab's demo project allows 10 instances, so the test makes a project of its own
 * ({@code edge-replicas-*}, quota 40 instances and cores; demo is a member, admin the service account) and deletes
 * it, with every VM, at the end.
 */
class ManagedServerReplicasLabIT {
    private static final int SERVERS = 30;
    private static final Duration CONVERGE = Duration.ofMinutes(6);
    private static final String KEYSTONE = "http://127.0.0.1:5000/v3";

    @TempDir
    Path temp;

    @Test
    void thirty_servers_through_three_replicas_one_killed_give_thirty_vms_none_twice() throws Exception {
        ManagedServerLabIT.Nova admin = ManagedServerLabIT.Nova.asAdminIn("admin");
        String project = "edge-replicas-" + UUID.randomUUID().toString().substring(0, 8);
        String projectId = createProject(admin, project);
        try (LabReplicas lab = LabReplicas.start(temp, Map.of("STACKPILOT_ALLOWED_PROJECTS", project),
                "edge-a", "edge-b", "edge-c")) {
            try {
                run(lab.database(), lab.replicas(), project, projectId);
            } finally {
                lab.stop();
                ManagedServerLabIT.Nova nova = ManagedServerLabIT.Nova.asAdminIn(project);
                nova.serversNamed("edge-").forEach(nova::delete);
            }
        } finally {
            awaitNoServers(projectId);
            ManagedServerLabIT.Nova.send(keystone(admin, "/projects/" + projectId).DELETE());
        }
    }

    private void run(TestDatabase database, List<DaemonProcess> replicas, String project, String projectId)
            throws Exception {
        String token = login(replicas.getFirst(), project);
        // The lab's private networks belong to demo and alt-demo; public is shared with every project.
        String spec = "{\"flavor\":\"m1.tiny\",\"image\":\"cirros-0.6-lab\",\"networks\":[\"public\"]}";
        ExecutorService clients = Executors.newFixedThreadPool(6);
        List<Future<Integer>> declared = new ArrayList<>();
        for (int i = 1; i <= SERVERS; i++) {
            DaemonProcess replica = replicas.get(i % replicas.size());
            String name = String.format("edge-r-%02d", i);
            declared.add(clients.submit(() -> send(replica, token, "PUT", "/api/v1/managed-servers/" + name, spec)
                    .statusCode()));
        }
        for (Future<Integer> status : declared) {
            assertThat(status.get()).as("PUT status").isEqualTo(201);
        }
        clients.shutdown();
        // Midway: once some creates are done and others are still to run.
        long deadline = System.nanoTime() + CONVERGE.toNanos();
        while (DaemonShutdownIT.count(database, "SELECT count(*) FROM operation WHERE state = 'succeeded'") < 5
                && System.nanoTime() < deadline) {
            DaemonProcess.sleep(Duration.ofMillis(200));
        }
        long doneAtKill = DaemonShutdownIT.count(database, "SELECT count(*) FROM operation WHERE state = 'succeeded'");
        DaemonProcess killed = replicas.getFirst();
        killed.kill();
        DaemonProcess survivor = replicas.get(1);

        List<String> phases = List.of();
        while (System.nanoTime() < deadline) {
            JsonNode page = json(send(survivor, token, "GET", "/api/v1/managed-servers?limit=100", null).body());
            phases = new ArrayList<>();
            for (JsonNode resource : page.path("managed_servers")) {
                phases.add(resource.path("status").path("phase").asText());
            }
            if (phases.size() == SERVERS && phases.stream().allMatch("Ready"::equals)
                    && DaemonShutdownIT.count(database, "SELECT count(*) FROM operation WHERE state IN "
                    + "('queued', 'running')") == 0) {
                break;
            }
            DaemonProcess.sleep(Duration.ofSeconds(1));
        }
        Map<String, Long> markers = markers(projectId);
        long runningPastLease = DaemonShutdownIT.count(database,
                "SELECT count(*) FROM operation WHERE state = 'running' AND lease_until < now()");
        long unfinished = DaemonShutdownIT.count(database,
                "SELECT count(*) FROM operation WHERE state NOT IN ('succeeded', 'failed', 'cancelled')");
        long failedWithoutReason = DaemonShutdownIT.count(database,
                "SELECT count(*) FROM operation WHERE state = 'failed' AND (error IS NULL OR error = '')");
        long operations = DaemonShutdownIT.count(database, "SELECT count(*) FROM operation");
        long takenOver = DaemonShutdownIT.count(database, "SELECT count(*) FROM operation WHERE attempts > 1");
        System.out.printf("BENCHMARK edge replicas: %d declared, %s killed after %d creates, phases %s, %d VMs with"
                        + " the marker (%d distinct), %d operations (%d claimed more than once)%n", SERVERS,
                killed.name(), doneAtKill, phases.stream().collect(Collectors.groupingBy(p -> p,
                        Collectors.counting())), markers.values().stream().mapToLong(Long::longValue).sum(),
                markers.size(), operations, takenOver);

        assertThat(phases).hasSize(SERVERS).allMatch("Ready"::equals);
        assertThat(markers).hasSize(SERVERS).allSatisfy((marker, vms) -> assertThat(vms).as(marker).isEqualTo(1));
        assertThat(runningPastLease).isZero();
        assertThat(unfinished).isZero();
        assertThat(failedWithoutReason).isZero();

        for (int i = 1; i <= SERVERS; i++) {
            send(survivor, token, "DELETE", String.format("/api/v1/managed-servers/edge-r-%02d", i), null);
        }
        while (System.nanoTime() < deadline + CONVERGE.toNanos() && json(send(survivor, token, "GET",
                "/api/v1/managed-servers", null).body()).path("managed_servers").size() > 0) {
            DaemonProcess.sleep(Duration.ofSeconds(1));
        }
    }

    /** How many VMs of the project carry each marker value. */
    private static Map<String, Long> markers(String projectId) {
        ManagedServerLabIT.Nova admin = ManagedServerLabIT.Nova.asAdminIn("admin");
        JsonNode servers = json(ManagedServerLabIT.Nova.send(HttpRequest.newBuilder(URI.create(admin.url()
                + "/servers/detail?all_tenants=1&project_id=" + projectId)).header("X-Auth-Token", admin.token())
                .GET()).body()).path("servers");
        Map<String, Long> markers = new HashMap<>();
        for (JsonNode server : servers) {
            String marker = server.path("metadata").path("stackpilot:managed").asText("");
            markers.merge(marker.isEmpty() ? "(no marker) " + server.path("id").asText() : marker, 1L, Long::sum);
        }
        return markers;
    }

    private static void awaitNoServers(String projectId) {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!markers(projectId).isEmpty() && System.nanoTime() < deadline) {
            DaemonProcess.sleep(Duration.ofSeconds(2));
        }
    }

    /** A project with demo as member and admin as admin, and room for the test's VMs. */
    private static String createProject(ManagedServerLabIT.Nova admin, String name) {
        HttpResponse<String> created = ManagedServerLabIT.Nova.send(keystone(admin, "/projects").header(
                "Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                "{\"project\":{\"name\":\"" + name + "\",\"domain_id\":\"default\"}}")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String projectId = json(created.body()).path("project").path("id").asText();
        for (String[] grant : List.of(new String[] {"demo", "member"}, new String[] {"admin", "admin"})) {
            String user = json(ManagedServerLabIT.Nova.send(keystone(admin, "/users?name=" + grant[0]).GET())
                    .body()).path("users").get(0).path("id").asText();
            String role = json(ManagedServerLabIT.Nova.send(keystone(admin, "/roles?name=" + grant[1]).GET())
                    .body()).path("roles").get(0).path("id").asText();
            HttpResponse<String> granted = ManagedServerLabIT.Nova.send(keystone(admin, "/projects/" + projectId
                    + "/users/" + user + "/roles/" + role).PUT(HttpRequest.BodyPublishers.noBody()));
            assertThat(granted.statusCode()).as(granted.body()).isIn(200, 201, 204);
        }
        HttpResponse<String> quota = ManagedServerLabIT.Nova.send(HttpRequest.newBuilder(URI.create(admin.url()
                + "/os-quota-sets/" + projectId)).header("X-Auth-Token", admin.token())
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(
                        "{\"quota_set\":{\"instances\":40,\"cores\":40,\"ram\":102400}}")));
        assertThat(quota.statusCode()).as(quota.body()).isEqualTo(200);
        return projectId;
    }

    private static HttpRequest.Builder keystone(ManagedServerLabIT.Nova admin, String path) {
        return HttpRequest.newBuilder(URI.create(KEYSTONE + path)).header("X-Auth-Token", admin.token())
                .timeout(Duration.ofSeconds(60));
    }

    private static String login(DaemonProcess replica, String project) {
        HttpResponse<String> login = send(replica, null, "POST", "/api/v1/auth/tokens",
                "{\"username\":\"demo\",\"password\":\"demo\",\"project\":\"" + project + "\"}");
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
