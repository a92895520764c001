package io.stackpilot.server.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.stackpilot.persistence.testing.TestDatabase;
import io.stackpilot.server.lab.KubernetesLab;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two controller replicas as two processes of the jar (one PostgreSQL, the Kubernetes lab's API server as its
 * least-rights controller user, the OpenStack lab's demo project). The election's Lease is first left by a dead
 * replica of another identity, with no renew time (fabric8 7.5.2's elector never took such a Lease over); replica A
 * takes it, reconciles a Server; A is SIGKILLed; B takes the Lease over within the lease time (15 s, measured and
 * printed) and reconciling goes on: a second Server becomes Ready, and each Server has exactly one VM. Objects live
 * in a namespace of the test's own ({@code kube3-lead-*}, the Lease {@code stackpilot-controller-<namespace>});
 * the Servers are deleted (their VMs with them) by B at the end.
 */
class KubernetesLeaderLabIT {
    private static final Duration LEASE = Duration.ofSeconds(15);
    private static final Duration VM_TIMEOUT = Duration.ofMinutes(5);

    @TempDir
    Path temp;

    @Test
    void the_second_replica_takes_over_a_dead_leaders_lease_and_no_vm_is_doubled() throws Exception {
        String namespace = "kube3-lead-" + UUID.randomUUID().toString().substring(0, 8);
        String leaseName = "stackpilot-controller-" + namespace;
        ManagedServerLabIT.Nova nova = ManagedServerLabIT.Nova.asAdminIn("demo");
        try (KubernetesClient admin = KubernetesLab.admin(); TestDatabase database = MultiReplicaLabIT.sharedDatabase()) {
            KubernetesLab.install(admin);
            KubernetesLab.createNamespace(admin, namespace);
            // A Lease left by a replica that died long ago, written by another tool: no renewTime, no duration.
            admin.leases().inNamespace("default").resource(new LeaseBuilder().withNewMetadata().withName(leaseName)
                    .withNamespace("default").endMetadata().withNewSpec().withHolderIdentity("kube3-ghost")
                    .endSpec().build()).create();
            Map<String, String> env = new HashMap<>(LabEnvironment.serviceAccount());
            env.putAll(Map.of("STACKPILOT_ALLOWED_PROJECTS", "demo", "STACKPILOT_DB_URL", database.jdbcUrl(),
                    "STACKPILOT_RECONCILE_INTERVAL", "PT3S", "STACKPILOT_KUBERNETES", "true",
                    "STACKPILOT_KUBERNETES_NAMESPACE", namespace, "STACKPILOT_KUBERNETES_RESYNC", "PT2S",
                    "KUBECONFIG", KubernetesLab.controllerKubeconfig(),
                    "STACKPILOT_DATA_DIR", temp.resolve("data").toString()));
            DaemonProcess a = DaemonProcess.launch("kube3-lead-a", env, temp);
            DaemonProcess b = null;
            try {
                a.awaitHealthy(Duration.ofSeconds(180));
                Instant aUp = Instant.now();
                KubernetesLab.waitFor("kube3-lead-a holding the ghost's Lease", LEASE.multipliedBy(3),
                        () -> "kube3-lead-a".equals(holder(admin, leaseName)));
                System.out.println("[measure] KubernetesLeaderLabIT ghost Lease taken over "
                        + Duration.between(aUp, Instant.now()).toMillis() + " ms after A was healthy");
                b = DaemonProcess.launch("kube3-lead-b", env, temp).awaitHealthy(Duration.ofSeconds(180));

                String first = "kube3-l1-" + UUID.randomUUID().toString().substring(0, 6);
                apply(admin, namespace, first);
                awaitReady(admin, namespace, first);
                assertThat(holder(admin, leaseName)).as("B waits while A renews").isEqualTo("kube3-lead-a");

                Instant killed = Instant.now();
                a.kill();
                assertThat(a.awaitExit(Duration.ofSeconds(10))).isNotEqualTo(-1);
                KubernetesLab.waitFor("kube3-lead-b holding the Lease", LEASE.multipliedBy(3),
                        () -> "kube3-lead-b".equals(holder(admin, leaseName)));
                Duration takeover = Duration.between(killed, Instant.now());
                System.out.println("[measure] KubernetesLeaderLabIT SIGKILL of the leader -> Lease held by the "
                        + "other replica " + takeover.toMillis() + " ms");
                // The lease duration after the last renewal, plus one round (3 s) and the poll; never the 45 s wait.
                assertThat(takeover).isLessThan(LEASE.plusSeconds(10));

                String second = "kube3-l2-" + UUID.randomUUID().toString().substring(0, 6);
                apply(admin, namespace, second);
                awaitReady(admin, namespace, second);
                for (String name : List.of(first, second)) {
                    assertThat(nova.serversNamed(name)).as("one VM for " + name).hasSize(1);
                }
                assertThat(b.log()).contains("takes the Lease over from kube3-lead-a");
            } finally {
                try {
                    if (b != null && b.isAlive()) {
                        admin.genericKubernetesResources(KubernetesLab.SERVERS).inNamespace(namespace).delete();
                        KubernetesLab.waitFor("the Servers of " + namespace + " deleted", VM_TIMEOUT, () ->
                                admin.genericKubernetesResources(KubernetesLab.SERVERS).inNamespace(namespace).list()
                                        .getItems().isEmpty());
                    }
                } finally {
                    a.close();
                    if (b != null) {
                        b.close();
                    }
                    // Whatever a failure left behind: the Servers' finalizers, the VMs, the Lease, the namespace.
                    admin.genericKubernetesResources(KubernetesLab.SERVERS).inNamespace(namespace).list().getItems()
                            .forEach(server -> admin.genericKubernetesResources(KubernetesLab.SERVERS)
                                    .inNamespace(namespace).withName(server.getMetadata().getName())
                                    .edit(current -> {
                                        current.getMetadata().setFinalizers(List.of());
                                        return current;
                                    }));
                    admin.genericKubernetesResources(KubernetesLab.SERVERS).inNamespace(namespace).delete();
                    nova.serversNamed("kube3-l").forEach(nova::delete);
                    admin.leases().inNamespace("default").withName(leaseName).delete();
                    KubernetesLab.deleteNamespace(admin, namespace);
                }
            }
        }
    }

    private static String holder(KubernetesClient admin, String leaseName) {
        Lease lease = admin.leases().inNamespace("default").withName(leaseName).get();
        return lease == null || lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
    }

    private static void apply(KubernetesClient admin, String namespace, String name) {
        admin.genericKubernetesResources(KubernetesLab.SERVERS).inNamespace(namespace).resource(KubernetesLab.object(
                KubernetesLab.SERVERS, namespace, name, Map.of("cloudRef", Map.of("secretName", KubernetesLab.SECRET),
                        "flavor", "m1.tiny", "image", "cirros-0.6-lab", "networks", List.of("private")))).create();
    }

    private static void awaitReady(KubernetesClient admin, String namespace, String name) {
        KubernetesLab.waitFor(name + " Ready", VM_TIMEOUT, () -> {
            GenericKubernetesResource current = admin.genericKubernetesResources(KubernetesLab.SERVERS)
                    .inNamespace(namespace).withName(name).get();
            return "True".equals(KubernetesLab.ready(current).get("status"));
        });
    }
}
