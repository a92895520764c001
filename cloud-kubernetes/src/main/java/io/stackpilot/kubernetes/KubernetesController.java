package io.stackpilot.kubernetes;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.stackpilot.core.common.Location;
import io.stackpilot.core.compute.ServerService;
import io.stackpilot.core.flavor.FlavorInitializer;
import io.stackpilot.core.identity.Session;
import io.stackpilot.core.managed.ManagedServerService;
import io.stackpilot.core.managed.ServerImporter;
import io.stackpilot.core.schedule.ScheduleService;
import io.stackpilot.kubernetes.crd.FlavorResource;
import io.stackpilot.kubernetes.crd.ScheduleResource;
import io.stackpilot.kubernetes.crd.ServerResource;
import java.io.File;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kubernetes mode: a driving adapter that turns Server, Schedule and Flavor custom resources into the core's
 * managed servers, schedules and flavors. Replicas elect one leader through a coordination.k8s.io Lease
 * ({@link LeaseElection}); only the leader watches and reconciles, the others take over within the lease duration
 * after the leader dies. Servers are required; Schedules and Flavors are watched when their CRDs are installed (a
 * missing CRD is logged and skipped until the next leadership). Started and closed by the daemon.
 */
public final class KubernetesController implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KubernetesController.class);

    /** One kind the leader watches: how to reconcile it, whether it is namespaced, whether its CRD must exist. */
    record Kind<R extends CustomResource<?, ?>>(String name, Class<R> type, boolean namespaced, boolean required,
                                                Consumer<R> reconciler) {
    }

    private final KubernetesClient client;
    private final ControllerSettings settings;
    private final List<Kind<?>> kinds;
    private final WorkQueue queue;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Clock clock;
    private final Map<String, SharedIndexInformer<?>> informers = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile boolean watching;
    private volatile LeaseElection election;

    KubernetesController(KubernetesClient client, List<Kind<?>> kinds, ControllerSettings settings, Clock clock) {
        this.client = client;
        this.clock = clock;
        this.settings = settings;
        this.kinds = List.copyOf(kinds);
        this.queue = new WorkQueue(settings.workers(), this::reconcile);
    }

    /**
     * A controller over the core's use cases, on the cluster of {@code kubeconfig} (a file; null: configured the
     * usual way, in-cluster service account, else $KUBECONFIG or ~/.kube/config). {@code schedules} null leaves
     * Schedules unwatched; {@code flavors} null leaves Flavors unwatched ({@code serviceSession} is the daemon's
     * service account they are created with).
     */
    public static KubernetesController create(ManagedServerService managedServers, ServerImporter importer,
                                              ServerService servers, ScheduleService schedules,
                                              FlavorInitializer flavors, Supplier<Session> serviceSession,
                                              CloudLogin login, Location location, ControllerSettings settings,
                                              String kubeconfig, Clock clock) {
        KubernetesClient client = kubeconfig == null ? new KubernetesClientBuilder().build()
                : new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(new File(kubeconfig))).build();
        Fabric8Objects objects = new Fabric8Objects(client, settings.identity(), clock);
        CloudSessions sessions = new CloudSessions(objects, login, settings.cloudAuthUrl(), clock,
                Duration.ofSeconds(60));
        List<Kind<?>> kinds = new ArrayList<>();
        ServerReconciler serverReconciler = new ServerReconciler(managedServers, importer, servers, sessions, objects,
                location);
        kinds.add(new Kind<>("Server", ServerResource.class, true, true, serverReconciler::reconcile));
        if (schedules != null) {
            ScheduleReconciler scheduleReconciler = new ScheduleReconciler(schedules, sessions, objects, clock);
            kinds.add(new Kind<>("Schedule", ScheduleResource.class, true, false, scheduleReconciler::reconcile));
        }
        if (flavors != null) {
            FlavorReconciler flavorReconciler = new FlavorReconciler(flavors, serviceSession, objects, clock);
            kinds.add(new Kind<>("Flavor", FlavorResource.class, false, false, flavorReconciler::reconcile));
        }
        return new KubernetesController(client, kinds, settings, clock);
    }

    /** Joins the leader election; returns at once. */
    public void start() {
        String leaseNamespace = settings.leaseNamespace() != null ? settings.leaseNamespace()
                : client.getNamespace() != null ? client.getNamespace() : "default";
        LOG.info("kubernetes controller {} joins the election for Lease {}/{} (watching {})", settings.identity(),
                leaseNamespace, settings.leaseName(),
                settings.namespace() == null ? "all namespaces" : "namespace " + settings.namespace());
        // A controller of one namespace has a Lease of its own (stackpilot-controller-<namespace>): deleted when its
        // leader stops cleanly, so that short-lived namespaces (tests, benchmarks) leave no Leases behind.
        election = LeaseElection.forLease(new Fabric8Leases(client, leaseNamespace, settings.leaseName()),
                settings.identity(), settings.leaseDuration(), clock, this::startLeading, this::stopLeading,
                settings.namespace() != null);
        election.start();
    }

    /** Whether this replica leads now (holds the Lease and watches). */
    public boolean leading() {
        LeaseElection current = election;
        return current != null && current.leading() && watching;
    }

    /** Runs on the election's callback thread, after the Lease was written. */
    private synchronized void startLeading() {
        if (closed.get() || watching) {
            return;
        }
        LOG.info("kubernetes controller {} leads: watching {}", settings.identity(),
                kinds.stream().map(Kind::name).toList());
        try {
            for (Kind<?> kind : kinds) {
                watch(kind);
            }
            watching = true;
        } catch (RuntimeException failed) {
            // A leader that watches nothing would hold the Lease and do nothing: give it up, so that the next round
            // (of this replica or another) starts again.
            LOG.warn("kubernetes controller {} cannot watch: {}", settings.identity(), failed.toString());
            stopInformers();
            election.resign("cannot watch: " + failed);
        }
    }

    /** Starts the kind's informer; returns once its first list is in. */
    private <R extends CustomResource<?, ?>> void watch(Kind<R> kind) {
        var all = client.resources(kind.type());
        var source = !kind.namespaced() || settings.namespace() == null ? all.inAnyNamespace()
                : all.inNamespace(settings.namespace());
        SharedIndexInformer<R> informer = source.runnableInformer(settings.resync().toMillis());
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(R resource) {
                queue.add(key(kind, resource));
            }

            @Override
            public void onUpdate(R before, R after) {
                queue.add(key(kind, after));
            }

            @Override
            public void onDelete(R resource, boolean finalStateUnknown) {
                // Nothing to do: deletion waits for the finalizer, which reconcile removes.
            }
        });
        // Known before the first list arrives, so that the adds of that list are not dropped by reconcile.
        informers.put(kind.name(), informer);
        try {
            informer.run();
        } catch (RuntimeException failed) {
            informers.remove(kind.name());
            informer.stop();
            if (kind.required()) {
                throw failed;
            }
            LOG.warn("kubernetes controller {} does not watch {} objects (is the CRD installed and may it list "
                    + "them?): {}", settings.identity(), kind.name(), failed.toString());
        }
    }

    private synchronized void stopLeading() {
        if (!watching && informers.isEmpty()) {
            return;
        }
        LOG.warn("kubernetes controller {} stopped leading", settings.identity());
        watching = false;
        stopInformers();
    }

    private void stopInformers() {
        List<SharedIndexInformer<?>> current = new ArrayList<>(informers.values());
        informers.clear();
        current.forEach(SharedIndexInformer::stop);
    }

    private void reconcile(String key) {
        LeaseElection elected = election;
        if (elected == null || !elected.leading()) {
            return;
        }
        int colon = key.indexOf(':');
        String kindName = key.substring(0, colon);
        for (Kind<?> kind : kinds) {
            if (kind.name().equals(kindName)) {
                reconcile(kind, key.substring(colon + 1), key);
            }
        }
    }

    private <R extends CustomResource<?, ?>> void reconcile(Kind<R> kind, String objectKey, String key) {
        @SuppressWarnings("unchecked")
        SharedIndexInformer<R> informer = (SharedIndexInformer<R>) informers.get(kind.name());
        if (informer == null) {
            return;
        }
        R resource = informer.getIndexer().getByKey(objectKey);
        if (resource == null) {
            return;
        }
        try {
            kind.reconciler().accept(resource);
        } catch (RuntimeException failed) {
            // The next resync (or watch event) tries again; the object's status keeps its last good state.
            LOG.warn("reconcile of {} failed: {}", key, failed.toString());
        }
    }

    /** Kind:namespace/name (Kind:name for cluster-scoped kinds), the informers' index key after the colon. */
    private static String key(Kind<?> kind, CustomResource<?, ?> resource) {
        String namespace = resource.getMetadata().getNamespace();
        return kind.name() + ":" + (namespace == null ? "" : namespace + "/") + resource.getMetadata().getName();
    }

    /** Leaves the election (releasing the Lease when leading), stops watching and the workers. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        LeaseElection current = election;
        if (current != null) {
            current.close();
        }
        stopLeading();
        queue.close();
        client.close();
    }

    /** Keys of the objects the leader knows now, per kind (for tests and diagnostics). */
    Map<String, List<String>> knownKeys() {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        informers.forEach((kind, informer) -> keys.put(kind, new ArrayList<>(informer.getIndexer().listKeys())));
        return keys;
    }
}
