package io.stackpilot.server.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes mode end to end: the real API server of deploy/kubernetes-lab (CRD, RBAC of the controller's own
 * user, Secrets, Events, Leases), the daemon with STACKPILOT_KUBERNETES=true acting as that user, and the OpenStack
 * lab's Nova. Every object lives in a namespace of its own ({@code kube-it-*}), deleted at the end; VMs are named
 * after the Servers ({@code kube-*}) and removed by deleting the Servers, or (the imported one) through Nova.
 */
class KubernetesServerLabIT {
    private static final Duration VM_TIMEOUT = Duration.ofSeconds(300);

    private static KubernetesClient admin;
    private static RealServer server;
    private static String namespace;
    private static Lab.Login demo;
    private static final List<String> novaLeftovers = new ArrayList<>();

    @BeforeAll
    static void start() {
        admin = KubernetesLab.admin();
        KubernetesLab.install(admin);
        namespace = "kube-it-" + UUID.randomUUID().toString().substring(0, 8);
        KubernetesLab.createNamespace(admin, namespace);
        server = RealServer.start(KubernetesLab.daemonEnvironment(namespace), Duration.ofSeconds(60));
        demo = Lab.login("demo", "demo", "Default");
    }

    @AfterAll
    static void stop() {
        try {
            if (admin != null && namespace != null) {
                // Servers first, while the controller still runs: their finalizers delete the VMs.
                admin.genericKubernetesResources(KubernetesLab.SERVERS).inNamespace(namespace).delete();
                waitFor("every Server of " + namespace + " deleted", () -> admin.genericKubernetesResources(
                        KubernetesLab.SERVERS).inNamespace(namespace).list().getItems().isEmpty());
            }
        } finally {
            boolean leaseLeftBehind = false;
            if (server != null) {
                server.close();
            }
            if (demo != null) {
                novaLeftovers.forEach(id -> Lab.delete(demo.endpoint("compute") + "/servers/" + id, demo.token()));
            }
            if (admin != null) {
                if (namespace != null) {
                    // The controller of one namespace deletes its own Lease when it stops cleanly (server.close()).
                    var lease = admin.leases().inNamespace("default").withName(KubernetesLab.leaseName(namespace));
                    leaseLeftBehind = lease.get() != null;
                    lease.delete();
                    KubernetesLab.deleteNamespace(admin, namespace);
                }
                admin.close();
            }
            assertThat(leaseLeftBehind).as("Lease " + KubernetesLab.leaseName(namespace) + " left behind after a "
                    + "clean shutdown").isFalse();
        }
    }

    @Test
    void a_server_becomes_an_active_vm_is_recreated_when_deleted_out_of_band_and_deleted_before_its_cr() {
        String name = "kube-" + UUID.randomUUID().toString().substring(0, 8);
        Instant applied = Instant.now();
        apply(name, "m1.tiny", true);

        GenericKubernetesResource ready = waitForReady(name);
        // Measured, not asserted (docs/benchmarks.md): from the create call to Ready=True with an ACTIVE VM.
        System.out.println("[measure] KubernetesServerLabIT apply->Ready " + Duration.between(applied, Instant.now())
                .toMillis() + " ms");
        String first = status(ready, "serverID");
        String addresses = status(ready, "addressSummary");
        assertThat(addresses).isNotBlank();
        assertThat(novaStatus(first)).isEqualTo("ACTIVE");
        assertKubectlShows(name, first, addresses);

        Instant deletedOutOfBand = Instant.now();
        Lab.delete(demo.endpoint("compute") + "/servers/" + first, demo.token());
        GenericKubernetesResource recreated = waitFor("a new VM for " + name, () -> {
            GenericKubernetesResource current = get(name);
            String id = status(current, "serverID");
            // Phase too: right after the create the engine's status may still carry the old VM's Ready=True.
            return id != null && !id.equals(first) && "Ready".equals(status(current, "phase"))
                    && "True".equals(KubernetesLab.ready(current).get("status")) ? current : null;
        });
        System.out.println("[measure] KubernetesServerLabIT out-of-band delete->Ready again "
                + Duration.between(deletedOutOfBand, Instant.now()).toMillis() + " ms");
        String second = status(recreated, "serverID");
        assertThat(novaStatus(second)).isEqualTo("ACTIVE");
        waitFor("an Event saying why " + name + " was recreated", () -> admin.v1().events().inNamespace(namespace)
                .list().getItems().stream().anyMatch(event -> event.getInvolvedObject().getName().equals(name)
                        && "Warning".equals(event.getType()) && event.getMessage().contains("out of band")));

        admin.genericKubernetesResources(KubernetesLab.SERVERS).inNamespace(namespace).withName(name).delete();
        waitFor(name + " gone", () -> get(name) == null);
        assertThat(novaStatusOrGone(second)).as("the VM is deleted before its Server disappears").isIn("GONE",
                "DELETED");
    }

    @Test
    void with_reconcile_false_a_vm_deleted_out_of_band_is_not_recreated_and_a_condition_says_so() {
        String name = "kube-" + UUID.randomUUID().toString().substring(0, 8);
        apply(name, "m1.tiny", false);
        GenericKubernetesResource ready = waitForReady(name);
        String vm = status(ready, "serverID");
        assertThat(condition(ready, "Reconcile")).containsEntry("status", "False")
                .containsEntry("reason", "ReconcileDisabled");

        Lab.delete(demo.endpoint("compute") + "/servers/" + vm, demo.token());
        Map<String, Object> missing = waitFor("Ready=False on " + name, () -> {
            Map<String, Object> condition = KubernetesLab.ready(get(name));
            return "ServerMissing".equals(condition.get("reason")) ? condition : null;
        });
        assertThat(missing).containsEntry("status", "False");
        assertThat((String) missing.get("message")).contains(vm).contains("reconcile is off");
        assertThat(status(get(name), "phase")).isEqualTo("Failed");

        // Several engine passes (every 3 s) and resyncs (every 2 s) later: still no VM of that name.
        sleep(Duration.ofSeconds(15));
        assertThat(novaServersNamed(name)).as("not recreated").isEmpty();
        assertThat(KubernetesLab.ready(get(name))).containsEntry("reason", "ServerMissing");
    }

    @Test
    void an_unmanaged_import_mirrors_the_vm_and_deleting_it_leaves_the_vm() {
        String name = "kube-imp-" + UUID.randomUUID().toString().substring(0, 8);
        String vm = bootInNova(name);
        novaLeftovers.add(vm);
        waitFor("VM " + vm + " ACTIVE", () -> "ACTIVE".equals(novaStatus(vm)));
        String ip = Lab.get(demo.endpoint("compute") + "/servers/" + vm, demo.token()).path("server")
                .path("addresses").path("private").path(0).path("addr").asText();
        assertThat(ip).isNotBlank();

        Map<String, Object> spec = new HashMap<>(Map.of("cloudRef", Map.of("secretName", KubernetesLab.SECRET),
                "managementPolicy", "unmanaged", "import", Map.of("id", vm)));
        admin.genericKubernetesResources(KubernetesLab.SERVERS).inNamespace(namespace).resource(
                KubernetesLab.object(KubernetesLab.SERVERS, namespace, name, spec)).create();
        GenericKubernetesResource mirrored = waitFor(name + " mirroring " + vm, () -> {
            GenericKubernetesResource current = get(name);
            return vm.equals(status(current, "serverID")) && "Ready".equals(status(current, "phase"))
                    && status(current, "addressSummary") != null ? current : null;
        });
        assertThat(status(mirrored, "addressSummary")).contains(ip);
        assertThat(KubernetesLab.ready(mirrored)).containsEntry("status", "True");

        admin.genericKubernetesResources(KubernetesLab.SERVERS).inNamespace(namespace).withName(name).delete();
        waitFor(name + " gone", () -> get(name) == null);
        assertThat(novaStatus(vm)).as("an unmanaged Server's VM stays").isEqualTo("ACTIVE");
        waitFor("an Event saying the VM was left", () -> admin.v1().events().inNamespace(namespace).list()
                .getItems().stream().anyMatch(event -> event.getInvolvedObject().getName().equals(name)
                        && "Released".equals(event.getReason())));

        Lab.delete(demo.endpoint("compute") + "/servers/" + vm, demo.token());
        waitFor("VM " + vm + " deleted", () -> "GONE".equals(novaStatusOrGone(vm)));
        novaLeftovers.remove(vm);
    }

    @Test
    void an_unknown_flavor_makes_ready_false_with_the_reason_and_no_vm() {
        String name = "kube-" + UUID.randomUUID().toString().substring(0, 8);
        apply(name, "no-such-flavor", true);

        Map<String, Object> condition = waitFor("Ready=False on " + name, () -> {
            Map<String, Object> ready = KubernetesLab.ready(get(name));
            return "False".equals(ready.get("status")) ? ready : null;
        });
        assertThat(condition.get("reason")).isEqualTo("InvalidSpec");
        assertThat((String) condition.get("message")).contains("no-such-flavor");
        assertThat(novaServersNamed(name)).isEmpty();
    }

    /** {@code kubectl get servers} (and {@code -o wide}) shows the Server's printer columns with its VM. */
    private static void assertKubectlShows(String name, String serverId, String addresses) {
        String table = KubernetesLab.kubectl("get", "servers", "-n", namespace);
        System.out.println("[kubectl] get servers -n " + namespace + "\n" + table);
        List<String> header = List.of(table.lines().findFirst().orElseThrow().trim().split("\\s+"));
        assertThat(header).containsSubsequence("NAME", "PHASE", "ADDRESSES", "LOCATION", "AGE");
        String row = table.lines().filter(line -> line.startsWith(name + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + name + " in:\n" + table));
        List<String> cells = List.of(row.trim().split("\\s+"));
        assertThat(cells.get(header.indexOf("PHASE"))).isEqualTo("Ready");
        assertThat(cells.get(header.indexOf("ADDRESSES"))).isEqualTo(addresses);
        assertThat(cells.get(header.indexOf("LOCATION"))).contains("/");

        String wide = KubernetesLab.kubectl("get", "servers", "-n", namespace, "-o", "wide");
        assertThat(wide.lines().findFirst().orElseThrow()).contains("SERVER-ID");
        assertThat(wide.lines().filter(line -> line.startsWith(name + " ")).findFirst().orElseThrow())
                .contains(serverId);
    }

    private static void apply(String name, String flavor, boolean reconcile) {
        admin.genericKubernetesResources(KubernetesLab.SERVERS).inNamespace(namespace).resource(
                KubernetesLab.object(KubernetesLab.SERVERS, namespace, name, Map.of("cloudRef",
                        Map.of("secretName", KubernetesLab.SECRET), "flavor", flavor, "image", "cirros-0.6-lab",
                        "networks", List.of("private"), "reconcile", reconcile))).create();
    }

    /** Boots a VM in project demo straight through Nova (m1.tiny, the lab's image, network private). */
    private static String bootInNova(String name) {
        String compute = demo.endpoint("compute");
        String flavor = null;
        for (JsonNode candidate : Lab.get(compute + "/flavors", demo.token()).path("flavors")) {
            if (candidate.path("name").asText().equals("m1.tiny")) {
                flavor = candidate.path("id").asText();
            }
        }
        String image = Lab.get(demo.endpoint("image") + "/v2/images?name=cirros-0.6-lab", demo.token())
                .path("images").path(0).path("id").asText();
        String network = Lab.get(demo.endpoint("network") + "/v2.0/networks?name=private", demo.token())
                .path("networks").path(0).path("id").asText();
        HttpResponse<String> created = Lab.post(compute + "/servers", demo.token(), """
                {"server": {"name": "%s", "flavorRef": "%s", "imageRef": "%s", "networks": [{"uuid": "%s"}]}}"""
                .formatted(name, flavor, image, network), Map.of());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
        return Lab.json(created.body()).path("server").path("id").asText();
    }

    private static GenericKubernetesResource waitForReady(String name) {
        return waitFor(name + " Ready", () -> {
            GenericKubernetesResource current = get(name);
            return current != null && "True".equals(KubernetesLab.ready(current).get("status")) ? current : null;
        });
    }

    private static GenericKubernetesResource get(String name) {
        return admin.genericKubernetesResources(KubernetesLab.SERVERS).inNamespace(namespace).withName(name).get();
    }

    private static String status(GenericKubernetesResource server, String field) {
        Object value = KubernetesLab.status(server, field);
        return value == null ? null : value.toString();
    }

    /** The condition of this type on the object (empty when there is none). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> condition(GenericKubernetesResource object, String type) {
        if (KubernetesLab.status(object, "conditions") instanceof List<?> list) {
            for (Object condition : list) {
                if (type.equals(((Map<String, Object>) condition).get("type"))) {
                    return (Map<String, Object>) condition;
                }
            }
        }
        return Map.of();
    }

    private static List<JsonNode> novaServersNamed(String name) {
        List<JsonNode> found = new ArrayList<>();
        Lab.get(demo.endpoint("compute") + "/servers?name=" + name, demo.token()).path("servers").forEach(vm -> {
            if (vm.path("name").asText().equals(name)) {
                found.add(vm);
            }
        });
        return found;
    }

    private static String novaStatus(String id) {
        return Lab.get(demo.endpoint("compute") + "/servers/" + id, demo.token()).path("server").path("status")
                .asText();
    }

    private static String novaStatusOrGone(String id) {
        HttpResponse<String> response = Lab.send(HttpRequest.newBuilder(URI.create(
                demo.endpoint("compute") + "/servers/" + id)).header("X-Auth-Token", demo.token()).GET());
        return response.statusCode() == 404 ? "GONE" : Lab.json(response.body()).path("server").path("status").asText();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        }
    }

    private static <T> T waitFor(String what, Supplier<T> check) {
        return KubernetesLab.waitFor(what, VM_TIMEOUT, check);
    }
}
