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
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16's quota cases against the lab, through two daemon processes (pre-a, pre-b) on one PostgreSQL. The test
 * makes its own project ({@code preempt-q-*}: instance quota 2, demo a member, admin the service account) and
 * deletes it with its VMs; the lab itself is unchanged.
 * <ol>
 * <li>two preemptible servers fill the quota; a standard create evicts exactly the younger one, the standard server
 * goes ACTIVE, the eviction is listed with preempted_by, and a preempt operation exists;</li>
 * <li>two preemptible servers again; two standard creates at once, one through each replica: both succeed, exactly
 * two more evictions, no standard server deleted;</li>
 * <li>the quota full of standard servers: a standard create is refused (403 quota-exceeded), nothing evicted.</li>
 * </ol>
 * Prints the time from the standard POST (whose quota had no room) to its server ACTIVE.
 */
@Tag("lab-parallel") // a project and quota of its own: runs beside the others so tagged (cloud-server/pom.xml)
class PreemptionLabIT {
    private static final String KEYSTONE = "http://127.0.0.1:5000/v3";
    private static final Duration ACTIVE_WITHIN = Duration.ofMinutes(3);

    @TempDir
    Path temp;

    @Test
    void standard_creates_evict_the_fewest_preemptible_servers_exactly_once_across_two_replicas() throws Exception {
        ManagedServerLabIT.Nova admin = ManagedServerLabIT.Nova.asAdminIn("admin");
        String project = "preempt-q-" + UUID.randomUUID().toString().substring(0, 8);
        String projectId = createProject(admin, project);
        try (TestDatabase database = MultiReplicaLabIT.sharedDatabase()) {
            Map<String, String> env = new HashMap<>(LabEnvironment.serviceAccount());
            env.putAll(Map.of("STACKPILOT_ALLOWED_PROJECTS", project, "STACKPILOT_DB_URL", database.jdbcUrl(),
                    "STACKPILOT_LOGIN_RATE_LIMIT", "off", "STACKPILOT_DATA_DIR", temp.resolve("data").toString()));
            List<DaemonProcess> replicas = new ArrayList<>();
            try {
                for (String name : List.of("pre-a", "pre-b")) {
                    replicas.add(DaemonProcess.launch(name, env, temp));
                }
                replicas.forEach(replica -> replica.awaitHealthy(Duration.ofSeconds(180)));
                run(replicas.get(0), replicas.get(1), project);
            } finally {
                replicas.forEach(DaemonProcess::close);
                ManagedServerLabIT.Nova nova = ManagedServerLabIT.Nova.asAdminIn(project);
                nova.serversNamed("pq-").forEach(nova::delete);
            }
        } finally {
            ManagedServerLabIT.Nova nova = ManagedServerLabIT.Nova.asAdminIn(project);
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (!nova.serversNamed("pq-").isEmpty() && System.nanoTime() < deadline) {
                DaemonProcess.sleep(Duration.ofSeconds(2));
            }
            ManagedServerLabIT.Nova.send(keystone(admin, "/projects/" + projectId).DELETE());
        }
    }

    private void run(DaemonProcess a, DaemonProcess b, String project) throws Exception {
        String token = login(a, project);
        // 1. quota: the younger of two preemptible servers makes room
        String old = awaitActive(a, token, create(a, token, "pq-spot-old", true));
        String young = awaitActive(a, token, create(a, token, "pq-spot-young", true));
        long refusedAt = System.nanoTime();
        String standard = create(a, token, "pq-std-1", false);
        awaitActive(a, token, standard);
        System.out.printf("PREEMPTION-TIMING standard POST (quota full) -> ACTIVE: %.1f s%n",
                (System.nanoTime() - refusedAt) / 1e9);
        JsonNode evictions = get(a, token, "/api/v1/preemptions").path("preemptions");
        assertThat(evictions).hasSize(1);
        assertThat(evictions.get(0).path("server_id").asText()).isEqualTo(young);
        assertThat(evictions.get(0).path("preempted_by").asText()).isEqualTo(standard);
        assertThat(evictions.get(0).path("reason").asText()).isEqualTo("quota");
        assertThat(status(a, token, old)).isEqualTo(200);
        assertThat(status(a, token, young)).isEqualTo(404);
        List<String> kinds = new ArrayList<>();
        get(b, token, "/api/v1/operations").path("operations").forEach(op -> kinds.add(op.path("kind").asText()));
        assertThat(kinds).contains("preempt");

        // 2. two standard creates at once, one per replica, two preemptible servers in the quota
        assertThat(send(a, token, "DELETE", "/api/v1/servers/" + standard, null).statusCode()).isEqualTo(202);
        awaitGone(a, token, standard);
        String spot = awaitActive(a, token, create(a, token, "pq-spot-b", true));
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> create(a, token, "pq-std-a", false));
        CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> create(b, token, "pq-std-b", false));
        String stdA = awaitActive(a, token, first.get());
        String stdB = awaitActive(b, token, second.get());
        evictions = get(b, token, "/api/v1/preemptions").path("preemptions");
        List<String> victims = new ArrayList<>();
        evictions.forEach(eviction -> victims.add(eviction.path("server_id").asText()));
        assertThat(victims).containsExactlyInAnyOrder(young, old, spot);
        assertThat(status(a, token, stdA)).isEqualTo(200);
        assertThat(status(a, token, stdB)).isEqualTo(200);

        // 3. only standard servers in the quota: refused, nothing evicted
        HttpResponse<String> refused = send(a, token, "POST", "/api/v1/servers", boot("pq-std-c", false));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        assertThat(refused.body()).contains("quota-exceeded").contains("nothing was evicted");
        assertThat(get(a, token, "/api/v1/preemptions").path("preemptions")).hasSize(3);
        assertThat(status(a, token, stdA)).isEqualTo(200);
        assertThat(status(a, token, stdB)).isEqualTo(200);
    }

    private static String boot(String name, boolean preemptible) {
        return boot(name, "1", preemptible);
    }

    static String boot(String name, String flavorId, boolean preemptible) {
        // The lab's private networks belong to demo and alt-demo; public is shared with every project.
        return "{\"name\":\"" + name + "\",\"flavor_id\":\"" + flavorId + "\",\"image_id\":\"" + imageId()
                + "\",\"network_ids\":[\"" + publicNetworkId() + "\"],\"preemptible\":" + preemptible + "}";
    }

    private static String create(DaemonProcess replica, String token, String name, boolean preemptible) {
        return create(replica, token, name, "1", preemptible);
    }

    static String create(DaemonProcess replica, String token, String name, String flavorId, boolean preemptible) {
        HttpResponse<String> created = send(replica, token, "POST", "/api/v1/servers", boot(name, flavorId,
                preemptible));
        assertThat(created.statusCode()).as(name + ": " + created.body()).isEqualTo(202);
        return json(created.body()).path("id").asText();
    }

    static String awaitActive(DaemonProcess replica, String token, String id) {
        long deadline = System.nanoTime() + ACTIVE_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> server = send(replica, token, "GET", "/api/v1/servers/" + id, null);
            if (server.statusCode() == 200 && json(server.body()).path("status").asText().equals("ACTIVE")) {
                return id;
            }
            DaemonProcess.sleep(Duration.ofMillis(500));
        }
        throw new AssertionError("server " + id + " not ACTIVE within " + ACTIVE_WITHIN);
    }

    private static void awaitGone(DaemonProcess replica, String token, String id) {
        long deadline = System.nanoTime() + ACTIVE_WITHIN.toNanos();
        while (status(replica, token, id) != 404 && System.nanoTime() < deadline) {
            DaemonProcess.sleep(Duration.ofMillis(500));
        }
    }

    static int status(DaemonProcess replica, String token, String id) {
        return send(replica, token, "GET", "/api/v1/servers/" + id, null).statusCode();
    }

    static JsonNode get(DaemonProcess replica, String token, String path) {
        HttpResponse<String> answer = send(replica, token, "GET", path, null);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return json(answer.body());
    }

    private static String imageId() {
        return firstId("/images?name=cirros-0.6-lab", "images", "http://127.0.0.1:9292/v2");
    }

    private static String publicNetworkId() {
        return firstId("/networks?name=public", "networks", "http://127.0.0.1:9696/v2.0");
    }

    private static String firstId(String path, String collection, String base) {
        ManagedServerLabIT.Nova admin = ManagedServerLabIT.Nova.asAdminIn("admin");
        return json(ManagedServerLabIT.Nova.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("X-Auth-Token", admin.token()).GET()).body()).path(collection).get(0).path("id").asText();
    }

    /** A project with demo as member and admin as admin, and room for two instances. */
    private static String createProject(ManagedServerLabIT.Nova admin, String name) {
        return createProject(admin, name, 2);
    }

    /** A project with demo as member and admin as admin, and room for {@code instances} instances. */
    static String createProject(ManagedServerLabIT.Nova admin, String name, int instances) {
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
                        "{\"quota_set\":{\"instances\":" + instances + ",\"cores\":40,\"ram\":102400}}")));
        assertThat(quota.statusCode()).as(quota.body()).isEqualTo(200);
        return projectId;
    }

    static HttpRequest.Builder keystone(ManagedServerLabIT.Nova admin, String path) {
        return HttpRequest.newBuilder(URI.create(KEYSTONE + path)).header("X-Auth-Token", admin.token())
                .timeout(Duration.ofSeconds(60));
    }

    static String login(DaemonProcess replica, String project) {
        HttpResponse<String> login = send(replica, null, "POST", "/api/v1/auth/tokens",
                "{\"username\":\"demo\",\"password\":\"demo\",\"project\":\"" + project + "\"}");
        assertThat(login.statusCode()).as(login.body()).isEqualTo(201);
        return json(login.body()).path("token").asText();
    }

    static HttpResponse<String> send(DaemonProcess replica, String token, String method, String path,
                                             String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(replica.baseUrl() + path))
                .timeout(Duration.ofSeconds(300)).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
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
