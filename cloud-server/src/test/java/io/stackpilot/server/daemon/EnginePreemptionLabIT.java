package io.stackpilot.server.daemon;

import static io.stackpilot.server.daemon.ManagedServerLabIT.json;
import static io.stackpilot.server.daemon.PreemptionLabIT.awaitActive;
import static io.stackpilot.server.daemon.PreemptionLabIT.create;
import static io.stackpilot.server.daemon.PreemptionLabIT.get;
import static io.stackpilot.server.daemon.PreemptionLabIT.keystone;
import static io.stackpilot.server.daemon.PreemptionLabIT.login;
import static io.stackpilot.server.daemon.PreemptionLabIT.send;
import static io.stackpilot.server.daemon.PreemptionLabIT.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16 through the desired-state engine, on the lab's small node (4 vCPUs, only the {@code small-node-*}
 * flavors): project a's two preemptible {@code small-node-2} fill it; a standard managed server
 * {@code small-node-2} declared in project b first finds no host (its VM goes to ERROR), then the engine evicts the
 * younger of a's servers, deletes the ERROR VM and boots again: the managed server gets Ready with an ACTIVE VM. The
 * test makes its two projects ({@code preempt-e-*}) and deletes them with their VMs.
 */
class EnginePreemptionLabIT {
    private static final Duration READY_WITHIN = Duration.ofMinutes(5);

    @TempDir
    Path temp;

    @Test
    void a_standard_managed_server_that_finds_no_host_gets_room_from_a_preemptible_server() {
        ManagedServerLabIT.Nova admin = ManagedServerLabIT.Nova.asAdminIn("admin");
        String prefix = "preempt-e-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> names = List.of(prefix + "-a", prefix + "-b");
        List<String> projectIds = new ArrayList<>();
        try {
            for (String name : names) {
                projectIds.add(PreemptionLabIT.createProject(admin, name, 10));
            }
            Map<String, String> env = new HashMap<>(LabEnvironment.serviceAccount());
            env.putAll(Map.of("STACKPILOT_ALLOWED_PROJECTS", String.join(",", names),
                    "STACKPILOT_RECONCILE_INTERVAL", "PT5S", "STACKPILOT_LOGIN_RATE_LIMIT", "off",
                    "STACKPILOT_DATA_DIR", temp.resolve("data").toString()));
            try (DaemonProcess daemon = DaemonProcess.launch("pre-engine", env, temp)) {
                daemon.awaitHealthy(Duration.ofSeconds(180));
                run(daemon, names);
            }
        } finally {
            for (String name : names.subList(0, projectIds.size())) {
                ManagedServerLabIT.Nova nova = ManagedServerLabIT.Nova.asAdminIn(name);
                nova.serversNamed("pe-").forEach(nova::delete);
            }
            for (int i = 0; i < projectIds.size(); i++) {
                ManagedServerLabIT.Nova nova = ManagedServerLabIT.Nova.asAdminIn(names.get(i));
                long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
                while (!nova.serversNamed("pe-").isEmpty() && System.nanoTime() < deadline) {
                    DaemonProcess.sleep(Duration.ofSeconds(2));
                }
                ManagedServerLabIT.Nova.send(keystone(admin, "/projects/" + projectIds.get(i)).DELETE());
            }
        }
    }

    private void run(DaemonProcess daemon, List<String> projects) {
        String a = login(daemon, projects.get(0));
        String b = login(daemon, projects.get(1));
        String older = awaitActive(daemon, a, create(daemon, a, "pe-spot-1", "sn2", true));
        String younger = awaitActive(daemon, a, create(daemon, a, "pe-spot-2", "sn2", true));

        HttpResponse<String> declared = send(daemon, b, "PUT", "/api/v1/managed-servers/pe-web",
                "{\"flavor\":\"small-node-2\",\"image\":\"cirros-0.6-lab\",\"networks\":[\"public\"],"
                        + "\"update_policy\":\"manual\"}");
        assertThat(declared.statusCode()).as(declared.body()).isEqualTo(201);
        JsonNode ready = awaitReady(daemon, b);

        String vm = ready.path("status").path("server_id").asText();
        assertThat(status(daemon, a, younger)).isEqualTo(404);
        assertThat(status(daemon, a, older)).isEqualTo(200);
        JsonNode evicted = get(daemon, a, "/api/v1/preemptions").path("preemptions");
        assertThat(evicted).hasSize(1);
        assertThat(evicted.get(0).path("server_id").asText()).isEqualTo(younger);
        assertThat(evicted.get(0).path("preempted_by").asText()).isEqualTo(vm);
        assertThat(evicted.get(0).path("reason").asText()).isEqualTo("capacity");
        List<String> reasons = new ArrayList<>();
        get(daemon, b, "/api/v1/managed-servers/pe-web/events").path("events")
                .forEach(event -> reasons.add(event.path("reason").asText()));
        assertThat(reasons).contains("Replaced");
        // the ERROR VM of the first attempt is gone: the managed server's VM is b's only server
        assertThat(ManagedServerLabIT.Nova.asAdminIn(projects.get(1)).serversNamed("pe-")).containsExactly(vm);
    }

    private static JsonNode awaitReady(DaemonProcess daemon, String token) {
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        JsonNode resource = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> answer = send(daemon, token, "GET", "/api/v1/managed-servers/pe-web", null);
            resource = json(answer.body());
            if (resource.path("status").path("phase").asText().equals("Ready")
                    && "ACTIVE".equals(resource.path("status").path("server_status").asText())) {
                return resource;
            }
            DaemonProcess.sleep(Duration.ofSeconds(1));
        }
        throw new AssertionError("pe-web not Ready with an ACTIVE VM within " + READY_WITHIN + ": " + resource);
    }
}
