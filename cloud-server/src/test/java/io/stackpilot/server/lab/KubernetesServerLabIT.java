package io.stackpilot.server.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.stackpilot.core.testing.LabGate;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
 * after the Servers ({@code kube-*}) and removed by deleting the Servers.
 */
class KubernetesServerLabIT {
    private static final Duration VM_TIMEOUT = Duration.ofSeconds(300);
    private static final ResourceDefinitionContext SERVERS = new ResourceDefinitionContext.Builder()
            .withGroup("stackpilot.io").withVersion("v1alpha1").withPlural("servers").withKind("Server")
            .withNamespaced(true).build();
    private static final String KLAB_DIR = System.getenv().getOrDefault("KLAB_DIR", "/tmp/kubernetes-lab");
    private static final Path REPO = Path.of(System.getProperty("user.dir")).getParent();

    private static KubernetesClient admin;
    private static RealServer server;
    private static String namespace;
    private static Lab.Login demo;

    @BeforeAll
    static void start() throws IOException {
        LabGate.await("kubernetes");
        if (!new File(KLAB_DIR, "admin.kubeconfig").exists()) {
            throw new UncheckedIOException(new IOException("no Kubernetes lab in " + KLAB_DIR
                    + ": run deploy/kubernetes-lab/up (the Kubernetes lab ITs need it next to the OpenStack lab)"));
        }
        admin = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(
                new File(KLAB_DIR, "admin.kubeconfig"))).build();
        for (String file : List.of("crds/servers.stackpilot.io.yaml", "controller/clusterrole.yaml",
                "controller/role.yaml")) {
            try (InputStream yaml = new FileInputStream(REPO.resolve("deploy/kubernetes").resolve(file).toFile())) {
                HasMetadata object = admin.load(yaml).items().get(0);
                if (file.endsWith("role.yaml") && !file.contains("cluster")) {
                    object.getMetadata().setNamespace("default");
                }
                admin.resource(object).serverSideApply();
            }
        }
        admin.apiextensions().v1().customResourceDefinitions().withName("servers.stackpilot.io")
                .waitUntilCondition(crd -> crd != null && crd.getStatus() != null && crd.getStatus().getConditions()
                        .stream().anyMatch(c -> c.getType().equals("Established") && c.getStatus().equals("True")),
                        60, java.util.concurrent.TimeUnit.SECONDS);
        // The lab's controller user gets exactly the manifests' rights (they bind a ServiceAccount in a cluster).
        admin.resource(new ClusterRoleBindingBuilder().withNewMetadata().withName("stackpilot-controller-lab")
                .endMetadata().withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", "stackpilot-controller")
                .addNewSubject().withApiGroup("rbac.authorization.k8s.io").withKind("User")
                .withName("stackpilot-controller").endSubject().build()).serverSideApply();
        admin.resource(new RoleBindingBuilder().withNewMetadata().withName("stackpilot-controller-lab")
                .withNamespace("default").endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "Role", "stackpilot-controller-lease")
                .addNewSubject().withApiGroup("rbac.authorization.k8s.io").withKind("User")
                .withName("stackpilot-controller").endSubject().build()).serverSideApply();

        namespace = "kube-it-" + UUID.randomUUID().toString().substring(0, 8);
        admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata()
                .build()).create();
        admin.secrets().inNamespace(namespace).resource(new SecretBuilder().withNewMetadata().withName("demo-cloud")
                .endMetadata().addToStringData("clouds.yaml", """
                        clouds:
                          openstack:
                            auth:
                              auth_url: %s
                              username: demo
                              password: %s
                              project_name: demo
                              user_domain_name: Default
                              project_domain_name: Default
                            region_name: RegionOne
                        """.formatted(Lab.AUTH_URL, Lab.USER_PASSWORD)).build()).create();

        Map<String, String> env = new HashMap<>(Lab.serviceAccount());
        env.put("STACKPILOT_ALLOWED_PROJECTS", "demo");
        env.put("STACKPILOT_KUBERNETES", "true");
        env.put("STACKPILOT_KUBERNETES_NAMESPACE", namespace);
        env.put("STACKPILOT_KUBERNETES_RESYNC", "PT2S");
        env.put("KUBECONFIG", new File(KLAB_DIR, "controller.kubeconfig").getPath());
        server = RealServer.start(env, Duration.ofSeconds(60));
        demo = Lab.login("demo", "demo", "Default");
    }

    @AfterAll
    static void stop() {
        try {
            if (admin != null && namespace != null) {
                // Servers first, while the controller still runs: their finalizers delete the VMs.
                admin.genericKubernetesResources(SERVERS).inNamespace(namespace).delete();
                waitFor("every Server of " + namespace + " deleted", () ->
                        admin.genericKubernetesResources(SERVERS).inNamespace(namespace).list().getItems().isEmpty());
            }
        } finally {
            if (server != null) {
                server.close();
            }
            if (admin != null) {
                if (namespace != null) {
                    // The lab runs no kube-controller-manager, hence no namespace controller: a deleted namespace
                    // would stay Terminating forever. Delete its contents here and finalize it as that controller does.
                    admin.secrets().inNamespace(namespace).delete();
                    admin.v1().events().inNamespace(namespace).delete();
                    admin.namespaces().withName(namespace).delete();
                    admin.raw("/api/v1/namespaces/" + namespace + "/finalize", "PUT", Map.of("apiVersion", "v1",
                            "kind", "Namespace", "metadata", Map.of("name", namespace),
                            "spec", Map.of("finalizers", List.of())));
                }
                admin.close();
            }
        }
    }

    @Test
    void a_server_becomes_an_active_vm_is_recreated_when_deleted_out_of_band_and_deleted_before_its_cr() {
        String name = "kube-" + UUID.randomUUID().toString().substring(0, 8);
        Instant applied = Instant.now();
        apply(name, "m1.tiny");

        GenericKubernetesResource ready = waitForReady(name);
        // Measured, not asserted (docs/benchmarks.md): from the create call to Ready=True with an ACTIVE VM.
        System.out.println("[measure] KubernetesServerLabIT apply->Ready " + Duration.between(applied, Instant.now())
                .toMillis() + " ms");
        String first = status(ready, "serverID");
        assertThat(status(ready, "addressSummary")).isNotBlank();
        assertThat(novaStatus(first)).isEqualTo("ACTIVE");

        Instant deletedOutOfBand = Instant.now();
        Lab.delete(demo.endpoint("compute") + "/servers/" + first, demo.token());
        GenericKubernetesResource recreated = waitFor("a new VM for " + name, () -> {
            GenericKubernetesResource current = get(name);
            String id = status(current, "serverID");
            return id != null && !id.equals(first) && "True".equals(readyCondition(current).get("status"))
                    ? current : null;
        });
        System.out.println("[measure] KubernetesServerLabIT out-of-band delete->Ready again "
                + Duration.between(deletedOutOfBand, Instant.now()).toMillis() + " ms");
        String second = status(recreated, "serverID");
        assertThat(novaStatus(second)).isEqualTo("ACTIVE");
        waitFor("an Event saying why " + name + " was recreated", () -> admin.v1().events().inNamespace(namespace)
                .list().getItems().stream().anyMatch(event -> event.getInvolvedObject().getName().equals(name)
                        && "Warning".equals(event.getType()) && event.getMessage().contains("out of band")));

        admin.genericKubernetesResources(SERVERS).inNamespace(namespace).withName(name).delete();
        waitFor(name + " gone", () -> get(name) == null);
        assertThat(novaStatusOrGone(second)).as("the VM is deleted before its Server disappears").isIn("GONE",
                "DELETED");
    }

    @Test
    void an_unknown_flavor_makes_ready_false_with_the_reason_and_no_vm() {
        String name = "kube-" + UUID.randomUUID().toString().substring(0, 8);
        apply(name, "no-such-flavor");

        Map<String, Object> condition = waitFor("Ready=False on " + name, () -> {
            Map<String, Object> ready = readyCondition(get(name));
            return "False".equals(ready.get("status")) ? ready : null;
        });
        assertThat(condition.get("reason")).isEqualTo("InvalidSpec");
        assertThat((String) condition.get("message")).contains("no-such-flavor");
        assertThat(Lab.get(demo.endpoint("compute") + "/servers?name=" + name, demo.token()).path("servers"))
                .isEmpty();
    }

    private static void apply(String name, String flavor) {
        GenericKubernetesResource server = new GenericKubernetesResource();
        server.setApiVersion("stackpilot.io/v1alpha1");
        server.setKind("Server");
        server.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName(name)
                .withNamespace(namespace).build());
        server.setAdditionalProperty("spec", Map.of("cloudRef", Map.of("secretName", "demo-cloud"),
                "flavor", flavor, "image", "cirros-0.6-lab", "networks", List.of("private")));
        admin.genericKubernetesResources(SERVERS).inNamespace(namespace).resource(server).create();
    }

    private static GenericKubernetesResource waitForReady(String name) {
        return waitFor(name + " Ready", () -> {
            GenericKubernetesResource current = get(name);
            return current != null && "True".equals(readyCondition(current).get("status")) ? current : null;
        });
    }

    private static GenericKubernetesResource get(String name) {
        return admin.genericKubernetesResources(SERVERS).inNamespace(namespace).withName(name).get();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> status(GenericKubernetesResource server) {
        Object status = server == null ? null : server.getAdditionalProperties().get("status");
        return status == null ? Map.of() : (Map<String, Object>) status;
    }

    private static String status(GenericKubernetesResource server, String field) {
        Object value = status(server).get(field);
        return value == null ? null : value.toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> readyCondition(GenericKubernetesResource server) {
        Object conditions = status(server).get("conditions");
        if (conditions instanceof List<?> list) {
            for (Object condition : list) {
                Map<String, Object> map = (Map<String, Object>) condition;
                if ("Ready".equals(map.get("type"))) {
                    return map;
                }
            }
        }
        return Map.of();
    }

    private static String novaStatus(String id) {
        return Lab.get(demo.endpoint("compute") + "/servers/" + id, demo.token()).path("server").path("status")
                .asText();
    }

    private static String novaStatusOrGone(String id) {
        HttpResponse<String> response = Lab.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                demo.endpoint("compute") + "/servers/" + id)).header("X-Auth-Token", demo.token()).GET());
        return response.statusCode() == 404 ? "GONE" : Lab.json(response.body()).path("server").path("status").asText();
    }

    private static <T> T waitFor(String what, Supplier<T> check) {
        Instant deadline = Instant.now().plus(VM_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            T value = check.get();
            if (value != null && !Boolean.FALSE.equals(value)) {
                return value;
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what);
            }
        }
        throw new AssertionError("timed out after " + VM_TIMEOUT + " waiting for " + what);
    }
}
