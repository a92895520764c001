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
import io.stackpilot.persistence.testing.TestDatabase;
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
 * Issue 16's capacity cases against the lab's small node ({@code oslab-small}: 4 vCPUs, 4096 MB, reached only by the
 * {@code small-node-*} flavors; deploy/openstack-lab/README.md). The test makes three projects of its own
 * ({@code preempt-c-*-a}, {@code -b}, {@code -c}; demo a member, admin the service account), all three allowed, and
 * deletes them with their VMs.
 * <ol>
 * <li>a: two preemptible {@code small-node-1}, b: one preemptible {@code small-node-2}: the node is full. A standard
 * {@code small-node-2} in c finds no host, and the best fitting victim is evicted: b's one server (one victim, not
 * a's two); the standard server goes ACTIVE, the failed ERROR server is gone, a's servers are untouched;</li>
 * <li>a standard {@code small-node-4} in c: a's two preemptible servers would free 2 of the 4 vCPUs, so nothing is
 * evicted, the answer is 409 insufficient-capacity, and its ERROR server is deleted.</li>
 * </ol>
 * Prints the time from the standard POST (no host had room) to its server ACTIVE.
 */
class PreemptionCapacityLabIT {
    private static final String SMALL_1 = "sn1";
    private static final String SMALL_2 = "sn2";
    private static final String SMALL_4 = "sn4";

    @TempDir
    Path temp;

    @Test
    void a_standard_create_that_finds_no_host_evicts_the_best_fitting_preemptible_server_of_another_project()
            throws Exception {
        ManagedServerLabIT.Nova admin = ManagedServerLabIT.Nova.asAdminIn("admin");
        String prefix = "preempt-c-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> names = List.of(prefix + "-a", prefix + "-b", prefix + "-c");
        List<String> projectIds = new ArrayList<>();
        try {
            for (String name : names) {
                projectIds.add(PreemptionLabIT.createProject(admin, name, 10));
            }
            try (TestDatabase database = MultiReplicaLabIT.sharedDatabase()) {
                Map<String, String> env = new HashMap<>(LabEnvironment.serviceAccount());
                env.putAll(Map.of("STACKPILOT_ALLOWED_PROJECTS", String.join(",", names),
                        "STACKPILOT_DB_URL", database.jdbcUrl(), "STACKPILOT_LOGIN_RATE_LIMIT", "off",
                        "STACKPILOT_DATA_DIR", temp.resolve("data").toString()));
                try (DaemonProcess daemon = DaemonProcess.launch("pre-cap", env, temp)) {
                    daemon.awaitHealthy(Duration.ofSeconds(180));
                    run(daemon, names);
                }
            }
        } finally {
            for (String name : names.subList(0, projectIds.size())) {
                ManagedServerLabIT.Nova nova = ManagedServerLabIT.Nova.asAdminIn(name);
                nova.serversNamed("pc-").forEach(nova::delete);
            }
            for (int i = 0; i < projectIds.size(); i++) {
                ManagedServerLabIT.Nova nova = ManagedServerLabIT.Nova.asAdminIn(names.get(i));
                long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
                while (!nova.serversNamed("pc-").isEmpty() && System.nanoTime() < deadline) {
                    DaemonProcess.sleep(Duration.ofSeconds(2));
                }
                ManagedServerLabIT.Nova.send(keystone(admin, "/projects/" + projectIds.get(i)).DELETE());
            }
        }
    }

    private void run(DaemonProcess daemon, List<String> projects) {
        String a = login(daemon, projects.get(0));
        String b = login(daemon, projects.get(1));
        String c = login(daemon, projects.get(2));
        // the small node full of preemptible servers of two projects: 1 + 1 + 2 of its 4 vCPUs
        String aOld = awaitActive(daemon, a, create(daemon, a, "pc-spot-a1", SMALL_1, true));
        String aYoung = awaitActive(daemon, a, create(daemon, a, "pc-spot-a2", SMALL_1, true));
        String bSpot = awaitActive(daemon, b, create(daemon, b, "pc-spot-b", SMALL_2, true));

        // 1. no host for a standard small-node-2: one victim frees it all (b's), not a's two
        long refusedAt = System.nanoTime();
        String standard = create(daemon, c, "pc-std-1", SMALL_2, false);
        awaitActive(daemon, c, standard);
        System.out.printf("PREEMPTION-TIMING standard POST (no host) -> ACTIVE: %.1f s%n",
                (System.nanoTime() - refusedAt) / 1e9);
        assertThat(status(daemon, b, bSpot)).isEqualTo(404);
        assertThat(status(daemon, a, aOld)).isEqualTo(200);
        assertThat(status(daemon, a, aYoung)).isEqualTo(200);
        JsonNode evicted = get(daemon, b, "/api/v1/preemptions").path("preemptions");
        assertThat(evicted).hasSize(1);
        assertThat(evicted.get(0).path("server_id").asText()).isEqualTo(bSpot);
        assertThat(evicted.get(0).path("preempted_by").asText()).isEqualTo(standard);
        assertThat(evicted.get(0).path("reason").asText()).isEqualTo("capacity");
        assertThat(get(daemon, a, "/api/v1/preemptions").path("preemptions")).isEmpty();
        // the first attempt's ERROR server was deleted: the standard one is c's only server
        assertThat(ManagedServerLabIT.Nova.asAdminIn(projects.get(2)).serversNamed("pc-"))
                .containsExactly(standard);

        // 2. a standard small-node-4: a's two would free 2 of 4 vCPUs; nothing evicted, the ERROR server removed
        HttpResponse<String> refused = send(daemon, c, "POST", "/api/v1/servers",
                PreemptionLabIT.boot("pc-std-2", SMALL_4, false));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(json(refused.body()).path("type").asText()).isEqualTo("/problems/insufficient-capacity");
        assertThat(refused.body()).contains("nothing was evicted");
        assertThat(status(daemon, a, aOld)).isEqualTo(200);
        assertThat(status(daemon, a, aYoung)).isEqualTo(200);
        assertThat(status(daemon, c, standard)).isEqualTo(200);
        assertThat(get(daemon, a, "/api/v1/preemptions").path("preemptions")).isEmpty();
        assertThat(get(daemon, b, "/api/v1/preemptions").path("preemptions")).hasSize(1);
        assertThat(ManagedServerLabIT.Nova.asAdminIn(projects.get(2)).serversNamed("pc-"))
                .containsExactly(standard);
        assertThat(ManagedServerLabIT.Nova.asAdminIn(projects.get(0)).serversNamed("pc-"))
                .containsExactlyInAnyOrder(aOld, aYoung);
    }
}
