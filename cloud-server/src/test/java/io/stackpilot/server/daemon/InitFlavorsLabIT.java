package io.stackpilot.server.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.persistence.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18's flavors at initialization on the lab, with the jar as production runs it: three replicas on one
 * PostgreSQL started at the same moment create each flavor of STACKPILOT_INIT_FLAVORS exactly once, a later start
 * that wants another shape for an existing name reports it and leaves the flavor as it is, and the documented
 * default {@code true} gives {@code standard} and {@code large}. Only flavors these tests created are deleted.
 */
class InitFlavorsLabIT {
    private static final Duration START = Duration.ofSeconds(180);

    @TempDir
    Path temp;

    private final LabFlavors flavors = LabFlavors.asAdmin();
    private final List<String> created = new ArrayList<>();
    private final List<DaemonProcess> launched = new ArrayList<>();

    @AfterEach
    void stopReplicas() {
        launched.forEach(DaemonProcess::close);
    }

    @Test
    void three_replicas_starting_together_create_each_flavor_once_and_a_later_other_shape_is_reported_not_applied()
            throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String standard = "sched-standard-" + suffix;
        String large = "sched-large-" + suffix;
        try (TestDatabase database = MultiReplicaLabIT.sharedDatabase()) {
            try {
                List<DaemonProcess> replicas = startTogether(env(database,
                        standard + "=1:2048:20," + large + "=4:8192:40"), "flavors-a", "flavors-b", "flavors-c");
                LabFlavors.Shape madeStandard = once(standard, 1, 2048, 20);
                LabFlavors.Shape madeLarge = once(large, 4, 8192, 40);
                created.addAll(List.of(madeStandard.id(), madeLarge.id()));
                for (String name : List.of(standard, large)) {
                    assertThat(replicas).filteredOn(replica -> replica.log().contains("flavor " + name + " created ("))
                            .as("replicas that created %s", name).hasSize(1);
                    assertThat(replicas).filteredOn(replica -> replica.log().contains("flavor " + name
                            + " exists with the wanted shape")).as("replicas that found %s", name).hasSize(2);
                }
                replicas.forEach(DaemonProcess::close);

                DaemonProcess again = startTogether(env(database, standard + "=2:4096:20," + large + "=4:8192:40"),
                        "flavors-d").getFirst();
                assertThat(again.log()).contains("WARN", "STACKPILOT_INIT_FLAVORS: flavor " + standard + " exists (id "
                        + madeStandard.id() + ") with 1 vCPU, 2048 MiB RAM, 20 GiB disk, not 2 vCPU",
                        "it was left unchanged", "flavor " + large + " exists with the wanted shape");
                again.close();
                assertThat(flavors.named(standard)).as("the flavor is untouched").containsExactly(madeStandard);
                assertThat(flavors.named(large)).containsExactly(madeLarge);
            } finally {
                cleanUp(standard, large);
            }
        }
    }

    @Test
    void the_documented_default_true_gives_standard_and_large_once_or_leaves_existing_ones_as_they_are()
            throws Exception {
        Map<String, List<LabFlavors.Shape>> before = Map.of("standard", flavors.named("standard"), "large",
                flavors.named("large"));
        try (TestDatabase database = MultiReplicaLabIT.sharedDatabase()) {
            try {
                List<DaemonProcess> replicas = startTogether(env(database, "true"), "defaults-a", "defaults-b",
                        "defaults-c");
                expectDefault(replicas, "standard", before.get("standard"), new int[] {1, 2048, 20});
                expectDefault(replicas, "large", before.get("large"), new int[] {4, 8192, 40});
                replicas.forEach(DaemonProcess::close);
            } finally {
                // A flavor absent before that a failed assertion left unrecorded is still this test's.
                cleanUp(before.entrySet().stream().filter(entry -> entry.getValue().isEmpty())
                        .map(Map.Entry::getKey).toArray(String[]::new));
            }
        }
    }

    /** A flavor absent before is made once with the default shape; one present before is left exactly as it was. */
    private void expectDefault(List<DaemonProcess> replicas, String name, List<LabFlavors.Shape> before,
                               int[] shape) {
        if (before.isEmpty()) {
            LabFlavors.Shape made = once(name, shape[0], shape[1], shape[2]);
            created.add(made.id());
            assertThat(replicas).filteredOn(replica -> replica.log().contains("flavor " + name + " created ("))
                    .hasSize(1);
            return;
        }
        assertThat(flavors.named(name)).as("%s existed before the start and is untouched", name)
                .containsExactlyElementsOf(before);
        LabFlavors.Shape existing = before.getFirst();
        boolean equal = existing.vcpus() == shape[0] && existing.ramMb() == shape[1] && existing.diskGb() == shape[2];
        assertThat(replicas).allSatisfy(replica -> assertThat(replica.log()).contains("flavor " + name
                + (equal ? " exists with the wanted shape" : " exists (id " + existing.id() + ")")));
    }

    /** Exactly one flavor of that name exists in Nova, with this shape. */
    private LabFlavors.Shape once(String name, int vcpus, int ramMb, int diskGb) {
        List<LabFlavors.Shape> found = flavors.named(name);
        assertThat(found).as("flavors named %s", name).hasSize(1);
        assertThat(found.getFirst()).isEqualTo(new LabFlavors.Shape(found.getFirst().id(), name, vcpus, ramMb,
                diskGb));
        return found.getFirst();
    }

    private Map<String, String> env(TestDatabase database, String initFlavors) {
        Map<String, String> env = new HashMap<>(LabEnvironment.serviceAccount());
        env.putAll(Map.of("STACKPILOT_ALLOWED_PROJECTS", "demo", "STACKPILOT_DB_URL", database.jdbcUrl(),
                "STACKPILOT_DATA_DIR", temp.resolve("data").toString(), "STACKPILOT_INIT_FLAVORS", initFlavors));
        return env;
    }

    /**
     * Launches the replicas from threads released by one latch (so their start-ups overlap) and waits until all
     * are healthy: the flavors are initialized before a daemon answers.
     */
    private List<DaemonProcess> startTogether(Map<String, String> env, String... names) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService launcher = Executors.newFixedThreadPool(names.length);
        try {
            List<Future<DaemonProcess>> launching = new ArrayList<>();
            for (String name : names) {
                launching.add(launcher.submit(() -> {
                    go.await();
                    return DaemonProcess.launch(name, env, temp);
                }));
            }
            go.countDown();
            List<DaemonProcess> replicas = new ArrayList<>();
            for (Future<DaemonProcess> replica : launching) {
                replicas.add(replica.get());
            }
            launched.addAll(replicas);
            replicas.forEach(replica -> replica.awaitHealthy(START));
            return replicas;
        } finally {
            launcher.shutdown();
        }
    }

    /** Deletes what this test made, and anything left with these names (a failure before they were recorded). */
    private void cleanUp(String... names) {
        created.forEach(flavors::delete);
        created.clear();
        for (String name : names) {
            flavors.named(name).forEach(flavor -> flavors.delete(flavor.id()));
        }
    }
}
