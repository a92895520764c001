package io.stackpilot.bench;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.stackpilot.server.Main;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * Issue 20: the Kubernetes controller with {@code count} Server objects, against the REAL kube-apiserver of the
 * Kubernetes lab and a stub cloud ({@link BenchCloud}, in this JVM, booting servers ACTIVE at once). The daemon is
 * started in process as {@code Main} starts it ({@code Main.Daemon.start}: embedded PostgreSQL, the engine, the
 * controller with STACKPILOT_KUBERNETES=true acting as the lab's controller user), in a namespace of its own
 * ({@code kbench-*}, deleted at the end, as KubernetesServerLabIT deletes its own). Measures: each object's
 * create-call -> Ready=True (p50, p95, seen by polling the list every 500 ms with an admin client that is not
 * counted) and the total; the live heap after a full GC before and after (the whole JVM: the stub cloud's booted
 * servers are a few hundred KB of it); bytes allocated by all threads during the phase (the stub and the poller
 * included); the controller's Kubernetes API requests (counted at its fabric8 client, {@link
 * CountingHttpClientFactory}) and the cloud requests, per object; then {@code restPeriods} resync periods with
 * nothing changing (API calls per minute at rest); then deleting every Server, timed until the list is empty.
 *
 * <p>{@code KubernetesScale <count> <resyncSeconds> <restPeriods>}; needs KLAB_DIR (default /tmp/kubernetes-lab)
 * with admin.kubeconfig and controller.kubeconfig, and the Server CRD installed (the Kubernetes lab ITs install it).
 */
public final class KubernetesScale {
    private static final ResourceDefinitionContext SERVERS = new ResourceDefinitionContext.Builder()
            .withGroup("stackpilot.io").withVersion("v1alpha1").withPlural("servers").withKind("Server")
            .withNamespaced(true).build();
    private static final long POLL_MILLIS = 500;

    private KubernetesScale() {
    }

    public static void main(String[] args) throws Exception {
        int count = Integer.parseInt(args[0]);
        int resyncSeconds = Integer.parseInt(args[1]);
        int restPeriods = Integer.parseInt(args[2]);
        String klab = System.getenv().getOrDefault("KLAB_DIR", "/tmp/kubernetes-lab");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        String namespace = "kbench-" + UUID.randomUUID().toString().substring(0, 8);
        Path data = Files.createTempDirectory("kbench-data-");
        BenchCloud cloud = new BenchCloud(0, 0, 1);
        // The stock factory: this client's requests are the benchmark's, not the controller's.
        KubernetesClient admin = new KubernetesClientBuilder().withHttpClientFactory(new JdkHttpClientFactory())
                .withConfig(Config.fromKubeconfig(new File(klab, "admin.kubeconfig"))).build();
        Main.Daemon daemon = null;
        try {
            if (admin.apiextensions().v1().customResourceDefinitions().withName("servers.stackpilot.io").get() == null) {
                throw new IllegalStateException("no Server CRD in the Kubernetes lab: apply "
                        + "deploy/kubernetes/crds/servers.stackpilot.io.yaml (a Kubernetes lab IT does)");
            }
            admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata()
                    .build()).create();
            admin.secrets().inNamespace(namespace).resource(new SecretBuilder().withNewMetadata()
                    .withName("bench-cloud").endMetadata().addToStringData("clouds.yaml", """
                            clouds:
                              openstack:
                                auth:
                                  auth_url: %s
                                  username: demo
                                  password: bench
                                  project_name: demo
                                  user_domain_name: Default
                                  project_domain_name: Default
                                region_name: RegionOne
                            """.formatted(cloud.authUrl())).build()).create();

            Map<String, String> env = new HashMap<>(cloud.serviceAccount());
            env.put("STACKPILOT_PORT", "0");
            env.put("STACKPILOT_BIND_ADDRESS", "127.0.0.1");
            env.put("STACKPILOT_DATA_DIR", data.toString());
            env.put("STACKPILOT_LOG_LEVEL", "warn");
            env.put("STACKPILOT_REPLICA_ID", "kbench");
            env.put("STACKPILOT_ALLOWED_PROJECTS", "demo");
            env.put("STACKPILOT_KUBERNETES", "true");
            env.put("STACKPILOT_KUBERNETES_NAMESPACE", namespace);
            env.put("STACKPILOT_KUBERNETES_RESYNC", "PT" + resyncSeconds + "S");
            env.put("KUBECONFIG", new File(klab, "controller.kubeconfig").getPath());
            daemon = Main.Daemon.start(env, Clock.systemUTC());
            Main.Daemon started = daemon;
            await("the controller leads", 120_000, () -> started.kubernetes().leading());
            Thread.sleep(2_000); // informers synced, the empty namespace's first pass done

            long heapBefore = liveHeap();
            CountingHttpClientFactory.reset();
            cloud.resetCalls();
            long allocatedBefore = threads.getTotalThreadAllocatedBytes();
            long[] created = new long[count];
            long[] ready = new long[count];
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                created[i] = System.nanoTime();
                admin.genericKubernetesResources(SERVERS).inNamespace(namespace).resource(server(namespace, i))
                        .create();
            }
            long createdAll = System.nanoTime() - start;
            await(count + " Servers Ready", 600_000, () -> {
                long now = System.nanoTime();
                for (GenericKubernetesResource item : admin.genericKubernetesResources(SERVERS)
                        .inNamespace(namespace).list().getItems()) {
                    int i = Integer.parseInt(item.getMetadata().getName().substring("kbench-".length()));
                    if (ready[i] == 0 && isReady(item)) {
                        ready[i] = now;
                    }
                }
                for (long at : ready) {
                    if (at == 0) {
                        return false;
                    }
                }
                return true;
            });
            long total = java.util.Arrays.stream(ready).max().orElseThrow() - start;
            long allocated = threads.getTotalThreadAllocatedBytes() - allocatedBefore;
            Map<String, Long> kubeCalls = CountingHttpClientFactory.calls();
            long kubeTotal = CountingHttpClientFactory.total();
            Map<String, Long> cloudCalls = byRoute(cloud.calls());
            long cloudTotal = cloudCalls.values().stream().mapToLong(Long::longValue).sum();
            long heapAfter = liveHeap();
            if (kubeTotal == 0) {
                throw new IllegalStateException("no Kubernetes request counted: the counting HTTP client factory "
                        + "was not chosen by fabric8");
            }
            Samples perObject = new Samples();
            for (int i = 0; i < count; i++) {
                perObject.add(ready[i] - created[i]);
            }
            Row.print("20 kubernetes", String.format("%d Servers created -> all Ready (stub cloud, lab apiserver)",
                            count), Samples.ms(perObject.median()) + " p50, " + Samples.ms(perObject.percentile(95))
                            + " p95 per object; " + String.format("%.1f s total", total / 1e9), "-",
                    String.format("%.1f Kubernetes + %.1f cloud requests per object", kubeTotal / (double) count,
                            cloudTotal / (double) count),
                    String.format("creates took %.1f s; live heap after GC %.0f MB -> %.0f MB; %.0f MB allocated;"
                                    + " %s", createdAll / 1e9, heapBefore / 1e6, heapAfter / 1e6, allocated / 1e6,
                            Row.load()));
            System.err.println("[kbench] Kubernetes requests while creating: " + kubeCalls);
            System.err.println("[kbench] cloud requests while creating: " + cloudCalls);

            CountingHttpClientFactory.reset();
            cloud.resetCalls();
            long restMillis = restPeriods * resyncSeconds * 1000L;
            long restAllocatedBefore = threads.getTotalThreadAllocatedBytes();
            Thread.sleep(restMillis);
            long restAllocated = threads.getTotalThreadAllocatedBytes() - restAllocatedBefore;
            Map<String, Long> restKube = CountingHttpClientFactory.calls();
            long restKubeTotal = CountingHttpClientFactory.total();
            Map<String, Long> restCloud = byRoute(cloud.calls());
            long restCloudTotal = restCloud.values().stream().mapToLong(Long::longValue).sum();
            double minutes = restMillis / 60_000.0;
            Row.print("20 kubernetes", String.format("at rest with %d Ready Servers, %d resync periods of %d s",
                            count, restPeriods, resyncSeconds),
                    String.format("%.0f Kubernetes requests/min", restKubeTotal / minutes), "-",
                    String.format("%.0f cloud requests/min", restCloudTotal / minutes),
                    String.format("%.0f MB allocated/min; live heap after GC %.0f MB; %s", restAllocated / 1e6
                            / minutes, liveHeap() / 1e6, Row.load()));
            System.err.println("[kbench] Kubernetes requests at rest: " + restKube);
            System.err.println("[kbench] cloud requests at rest: " + restCloud);

            CountingHttpClientFactory.reset();
            cloud.resetCalls();
            long deleteStart = System.nanoTime();
            admin.genericKubernetesResources(SERVERS).inNamespace(namespace).delete();
            await("every Server gone", 600_000, () -> admin.genericKubernetesResources(SERVERS)
                    .inNamespace(namespace).list().getItems().isEmpty());
            long deleted = System.nanoTime() - deleteStart;
            Map<String, Long> deleteKube = CountingHttpClientFactory.calls();
            Map<String, Long> deleteCloud = byRoute(cloud.calls());
            Row.print("20 kubernetes", String.format("delete all %d Servers -> gone (finalizer: VM deleted first)",
                            count), String.format("%.1f s", deleted / 1e9), "-",
                    String.format("%.1f Kubernetes + %.1f cloud requests per object",
                            CountingHttpClientFactory.total() / (double) count,
                            deleteCloud.values().stream().mapToLong(Long::longValue).sum() / (double) count),
                    String.format("VMs left in the stub cloud: %d; %s", cloud.bootedCount(), Row.load()));
            System.err.println("[kbench] Kubernetes requests while deleting: " + deleteKube);
            System.err.println("[kbench] cloud requests while deleting: " + deleteCloud);
        } finally {
            try {
                cleanUp(admin, namespace, daemon);
            } finally {
                admin.close();
                cloud.close();
                deleteTree(data);
            }
        }
    }

    private static GenericKubernetesResource server(String namespace, int index) {
        GenericKubernetesResource server = new GenericKubernetesResource();
        server.setApiVersion("stackpilot.io/v1alpha1");
        server.setKind("Server");
        server.setMetadata(new ObjectMetaBuilder().withName(String.format("kbench-%04d", index))
                .withNamespace(namespace).build());
        server.setAdditionalProperty("spec", Map.of("cloudRef", Map.of("secretName", "bench-cloud"),
                "flavor", "m1.tiny", "image", "cirros-0.6-lab", "networks", List.of("private")));
        return server;
    }

    @SuppressWarnings("unchecked")
    private static boolean isReady(GenericKubernetesResource server) {
        Object status = server.getAdditionalProperties().get("status");
        if (status instanceof Map<?, ?> map && map.get("conditions") instanceof List<?> conditions) {
            for (Object condition : conditions) {
                Map<String, Object> c = (Map<String, Object>) condition;
                if ("Ready".equals(c.get("type"))) {
                    return "True".equals(c.get("status"));
                }
            }
        }
        return false;
    }

    /** Servers first while the controller runs (their finalizers), then the daemon, then the namespace. */
    private static void cleanUp(KubernetesClient admin, String namespace, Main.Daemon daemon)
            throws InterruptedException {
        try {
            if (daemon != null) {
                admin.genericKubernetesResources(SERVERS).inNamespace(namespace).delete();
                try {
                    await("every Server of " + namespace + " deleted", 120_000, () -> admin
                            .genericKubernetesResources(SERVERS).inNamespace(namespace).list().getItems().isEmpty());
                } catch (RuntimeException late) {
                    System.err.println("[kbench] " + late.getMessage());
                }
            }
        } finally {
            if (daemon != null) {
                daemon.stop();
            }
            // Left over (the controller could not finalize them): drop the finalizers, the stub cloud goes anyway.
            for (GenericKubernetesResource left : admin.genericKubernetesResources(SERVERS).inNamespace(namespace)
                    .list().getItems()) {
                admin.genericKubernetesResources(SERVERS).inNamespace(namespace).withName(left.getMetadata()
                        .getName()).patch(PatchContext.of(PatchType.JSON_MERGE),
                        "{\"metadata\": {\"finalizers\": null}}");
            }
            admin.genericKubernetesResources(SERVERS).inNamespace(namespace).delete();
            // The controller's Lease of this namespace (in "default", the lab kubeconfig's namespace) goes too.
            admin.leases().inNamespace("default").withName("stackpilot-controller-" + namespace).delete();
            // The lab runs no namespace controller: empty the namespace and finalize it as that controller does.
            admin.secrets().inNamespace(namespace).delete();
            admin.v1().events().inNamespace(namespace).delete();
            admin.namespaces().withName(namespace).delete();
            admin.raw("/api/v1/namespaces/" + namespace + "/finalize", "PUT", Map.of("apiVersion", "v1",
                    "kind", "Namespace", "metadata", Map.of("name", namespace),
                    "spec", Map.of("finalizers", List.of())));
        }
    }

    /** The stub cloud's counts with each booted server's id replaced by {id}, sorted. */
    private static Map<String, Long> byRoute(Map<String, Long> calls) {
        Map<String, Long> routes = new java.util.TreeMap<>();
        calls.forEach((call, n) -> routes.merge(call.replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "{id}"), n, Long::sum));
        return routes;
    }

    /** Heap in use after two full collections: what is live. */
    private static long liveHeap() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void await(String what, long timeoutMillis, BooleanSupplier done) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (!done.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("timed out after " + timeoutMillis / 1000 + " s waiting for " + what);
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            List<Path> all = new ArrayList<>(paths.toList());
            java.util.Collections.reverse(all);
            for (Path path : all) {
                Files.deleteIfExists(path);
            }
        }
    }
}
