package io.stackpilot.server.lab;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The Kubernetes lab (deploy/kubernetes-lab) for the Kubernetes ITs, shared by all of them: the admin client (after
 * waiting for the lab, {@link LabGate}), the manifests of deploy/kubernetes (CRDs, the controller's ClusterRole and
 * Lease Role) bound to the lab's controller user as a cluster would bind its ServiceAccount, a namespace of a test's
 * own with the demo project's cloudRef Secret, its removal (the lab has no namespace controller), the daemon's
 * environment for a controller of that namespace, and kubectl with the admin's kubeconfig.
 */
public final class KubernetesLab {
    public static final String KLAB_DIR = System.getenv().getOrDefault("KLAB_DIR", "/tmp/kubernetes-lab");
    public static final String SECRET = "demo-cloud";
    public static final ResourceDefinitionContext SERVERS = context("servers", "Server", true);
    public static final ResourceDefinitionContext SCHEDULES = context("schedules", "Schedule", true);
    public static final ResourceDefinitionContext FLAVORS = context("flavors", "Flavor", false);
    private static final Path REPO = Path.of(System.getProperty("user.dir")).getParent();

    private KubernetesLab() {
    }

    /** The lab's admin, once the lab is up (see {@link LabGate}); fails with what to do when it is not. */
    public static KubernetesClient admin() {
        LabGate.await("kubernetes");
        File kubeconfig = new File(KLAB_DIR, "admin.kubeconfig");
        if (!kubeconfig.exists()) {
            throw new UncheckedIOException(new IOException("no Kubernetes lab in " + KLAB_DIR
                    + ": run deploy/kubernetes-lab/up (the Kubernetes lab ITs need it next to the OpenStack lab)"));
        }
        return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeconfig)).build();
    }

    /** The kubeconfig of the lab's least-rights controller user. */
    public static String controllerKubeconfig() {
        return new File(KLAB_DIR, "controller.kubeconfig").getPath();
    }

    /**
     * The daemon's environment for a controller of {@code namespace}: the lab's service account, project demo
     * allowed, STACKPILOT_KUBERNETES as the lab's least-rights controller user, a resync every 2 s and an engine pass
     * every 3 s (so that the tests wait for the cloud, not for the controller).
     */
    public static Map<String, String> daemonEnvironment(String namespace) {
        Map<String, String> env = new HashMap<>(Lab.serviceAccount());
        env.put("STACKPILOT_ALLOWED_PROJECTS", "demo");
        env.put("STACKPILOT_KUBERNETES", "true");
        env.put("STACKPILOT_KUBERNETES_NAMESPACE", namespace);
        env.put("STACKPILOT_KUBERNETES_RESYNC", "PT2S");
        env.put("STACKPILOT_RECONCILE_INTERVAL", "PT3S");
        env.put("KUBECONFIG", controllerKubeconfig());
        return env;
    }

    /** The Lease of a controller of {@code namespace} (ControllerSettings.defaults), in namespace default. */
    public static String leaseName(String namespace) {
        return "stackpilot-controller-" + namespace;
    }

    /**
     * Runs kubectl ({@code $KLAB_KUBECTL}, else the lab's {@code $KLAB_DIR/bin/kubectl}: Debian's v1.20.2, which
     * deploy/kubernetes-lab/up puts there) with the lab's admin kubeconfig; returns its
     * output. Fails, never skips, when kubectl is not installed or the command fails.
     */
    public static String kubectl(String... args) {
        String kubectl = System.getenv().getOrDefault("KLAB_KUBECTL", new File(KLAB_DIR, "bin/kubectl").getPath());
        List<String> command = new ArrayList<>(List.of(kubectl, "--kubeconfig",
                new File(KLAB_DIR, "admin.kubeconfig").getPath()));
        command.addAll(List.of(args));
        Process process;
        File errors;
        try {
            // stderr apart: a kubectl newer than the API server warns about the version skew there.
            errors = File.createTempFile("kubectl", ".err");
            errors.deleteOnExit();
            process = new ProcessBuilder(command).redirectError(errors).start();
        } catch (IOException notInstalled) {
            throw new AssertionError("kubectl is not installed (" + kubectl + ": " + notInstalled.getMessage()
                    + "): deploy/kubernetes-lab/up unpacks Debian's kubernetes-client (kubectl v1.20.2) there");
        }
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("kubectl " + String.join(" ", args) + " did not finish within 60 s");
            }
            if (process.exitValue() != 0) {
                throw new AssertionError("kubectl " + String.join(" ", args) + " exited with " + process.exitValue()
                        + ":\n" + output + Files.readString(errors.toPath()));
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running kubectl");
        } finally {
            errors.delete();
        }
    }

    /** Applies the CRDs and the controller's rights from deploy/kubernetes (idempotent: server-side apply). */
    public static void install(KubernetesClient admin) {
        for (String file : List.of("crds/servers.stackpilot.io.yaml", "crds/schedules.stackpilot.io.yaml",
                "crds/flavors.stackpilot.io.yaml", "controller/clusterrole.yaml", "controller/role.yaml")) {
            try (InputStream yaml = new FileInputStream(REPO.resolve("deploy/kubernetes").resolve(file).toFile())) {
                HasMetadata object = admin.load(yaml).items().get(0);
                if (file.endsWith("/role.yaml")) {
                    object.getMetadata().setNamespace("default");
                }
                admin.resource(object).forceConflicts().serverSideApply();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        for (String crd : List.of("servers.stackpilot.io", "schedules.stackpilot.io", "flavors.stackpilot.io")) {
            admin.apiextensions().v1().customResourceDefinitions().withName(crd).waitUntilCondition(found ->
                    found != null && found.getStatus() != null && found.getStatus().getConditions().stream()
                            .anyMatch(c -> c.getType().equals("Established") && c.getStatus().equals("True")),
                    60, TimeUnit.SECONDS);
        }
        admin.resource(new ClusterRoleBindingBuilder().withNewMetadata().withName("stackpilot-controller-lab")
                .endMetadata().withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", "stackpilot-controller")
                .addNewSubject().withApiGroup("rbac.authorization.k8s.io").withKind("User")
                .withName("stackpilot-controller").endSubject().build()).forceConflicts().serverSideApply();
        admin.resource(new RoleBindingBuilder().withNewMetadata().withName("stackpilot-controller-lab")
                .withNamespace("default").endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "Role", "stackpilot-controller-lease")
                .addNewSubject().withApiGroup("rbac.authorization.k8s.io").withKind("User")
                .withName("stackpilot-controller").endSubject().build()).forceConflicts().serverSideApply();
    }

    /** A new namespace with the demo project's clouds.yaml in the Secret {@value #SECRET}. */
    public static void createNamespace(KubernetesClient admin, String namespace) {
        admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata()
                .build()).create();
        admin.secrets().inNamespace(namespace).resource(new SecretBuilder().withNewMetadata().withName(SECRET)
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
    }

    /** Deletes the namespace's Secrets and Events and finalizes it as the (absent) namespace controller would. */
    public static void deleteNamespace(KubernetesClient admin, String namespace) {
        admin.secrets().inNamespace(namespace).delete();
        admin.v1().events().inNamespace(namespace).delete();
        admin.namespaces().withName(namespace).delete();
        admin.raw("/api/v1/namespaces/" + namespace + "/finalize", "PUT", Map.of("apiVersion", "v1",
                "kind", "Namespace", "metadata", Map.of("name", namespace), "spec", Map.of("finalizers", List.of())));
    }

    /** A custom resource of {@code kind} with this spec (namespace null for cluster-scoped kinds). */
    public static GenericKubernetesResource object(ResourceDefinitionContext kind, String namespace, String name,
                                                   Map<String, Object> spec) {
        GenericKubernetesResource object = new GenericKubernetesResource();
        object.setApiVersion("stackpilot.io/v1alpha1");
        object.setKind(kind.getKind());
        object.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        object.setAdditionalProperty("spec", spec);
        return object;
    }

    /** The object's status field, or null. */
    @SuppressWarnings("unchecked")
    public static Object status(GenericKubernetesResource object, String field) {
        Object status = object == null ? null : object.getAdditionalProperties().get("status");
        return status == null ? null : ((Map<String, Object>) status).get(field);
    }

    /** The object's Ready condition (empty when there is none). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> ready(GenericKubernetesResource object) {
        if (status(object, "conditions") instanceof List<?> list) {
            for (Object condition : list) {
                Map<String, Object> map = (Map<String, Object>) condition;
                if ("Ready".equals(map.get("type"))) {
                    return map;
                }
            }
        }
        return Map.of();
    }

    /** Polls every second until {@code check} gives a value that is neither null nor false. */
    public static <T> T waitFor(String what, Duration timeout, Supplier<T> check) {
        Instant deadline = Instant.now().plus(timeout);
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
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
    }

    private static ResourceDefinitionContext context(String plural, String kind, boolean namespaced) {
        return new ResourceDefinitionContext.Builder().withGroup("stackpilot.io").withVersion("v1alpha1")
                .withPlural(plural).withKind(kind).withNamespaced(namespaced).build();
    }
}
