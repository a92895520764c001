package io.stackpilot.kubernetes;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectorBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.stackpilot.core.common.Location;
import io.stackpilot.core.compute.ServerService;
import io.stackpilot.core.managed.ManagedServerService;
import io.stackpilot.core.managed.ServerImporter;
import io.stackpilot.kubernetes.crd.ServerResource;
import java.io.File;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kubernetes mode: a driving adapter that turns Server custom resources into managed servers. Replicas elect
 * one leader through a coordination.k8s.io Lease; only the leader watches and reconciles, the others wait to take
 * over (within the lease duration after the leader dies). Started and closed by the daemon.
 */
public final class KubernetesController implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KubernetesController.class);

    private final KubernetesClient client;
    private final ControllerSettings settings;
    private final ServerReconciler reconciler;
    private final WorkQueue queue;
    private final ExecutorService elections = Executors.newCachedThreadPool(
            Thread.ofPlatform().daemon().name("k8s-leader-election-", 0).factory());
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile SharedIndexInformer<ServerResource> informer;
    private volatile CompletableFuture<?> election;
    private volatile boolean leading;

    KubernetesController(KubernetesClient client, ServerReconciler reconciler, ControllerSettings settings) {
        this.client = client;
        this.settings = settings;
        this.reconciler = reconciler;
        this.queue = new WorkQueue(settings.workers(), this::reconcile);
    }

    /**
     * A controller over the core's use cases, on the cluster of {@code kubeconfig} (a file; null: configured the
     * usual way, in-cluster service account, else $KUBECONFIG or ~/.kube/config).
     */
    public static KubernetesController create(ManagedServerService managedServers, ServerImporter importer,
                                              ServerService servers, CloudLogin login, Location location,
                                              ControllerSettings settings, String kubeconfig, Clock clock) {
        KubernetesClient client = kubeconfig == null ? new KubernetesClientBuilder().build()
                : new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(new File(kubeconfig))).build();
        Fabric8Objects objects = new Fabric8Objects(client, settings.identity(), clock);
        CloudSessions sessions = new CloudSessions(objects, login, settings.cloudAuthUrl(), clock,
                Duration.ofSeconds(60));
        return new KubernetesController(client, new ServerReconciler(managedServers, importer, servers, sessions,
                objects, location), settings);
    }

    /** Joins the leader election; returns at once. */
    public void start() {
        String leaseNamespace = settings.leaseNamespace() != null ? settings.leaseNamespace()
                : client.getNamespace() != null ? client.getNamespace() : "default";
        LOG.info("kubernetes controller {} joins the election for Lease {}/{} (watching {})", settings.identity(),
                leaseNamespace, settings.leaseName(),
                settings.namespace() == null ? "all namespaces" : "namespace " + settings.namespace());
        elect(leaseNamespace);
    }

    private void elect(String leaseNamespace) {
        if (closed.get()) {
            return;
        }
        Duration lease = settings.leaseDuration();
        election = new LeaderElectorBuilder(client, elections).withConfig(new LeaderElectionConfigBuilder()
                        .withName(settings.leaseName())
                        .withLock(new LeaseLock(leaseNamespace, settings.leaseName(), settings.identity()))
                        .withLeaseDuration(lease)
                        .withRenewDeadline(lease.multipliedBy(2).dividedBy(3))
                        .withRetryPeriod(lease.dividedBy(5))
                        .withReleaseOnCancel(true)
                        .withLeaderCallbacks(new LeaderCallbacks(this::startLeading, this::stopLeading,
                                leader -> LOG.info("kubernetes controller leader is now {}", leader)))
                        .build())
                .build().start();
        election.whenComplete((done, failed) -> {
            // Lost the lease (or could not renew it in time): stand by for the next term.
            if (!closed.get()) {
                LOG.warn("kubernetes controller {} left the election ({}), joining again", settings.identity(),
                        failed == null ? "lease lost" : failed.toString());
                elect(leaseNamespace);
            }
        });
    }

    /** Whether this replica leads now. */
    public boolean leading() {
        return leading;
    }

    private synchronized void startLeading() {
        if (closed.get() || leading) {
            return;
        }
        LOG.info("kubernetes controller {} leads: watching Servers", settings.identity());
        leading = true;
        var servers = client.resources(ServerResource.class);
        var source = settings.namespace() == null ? servers.inAnyNamespace() : servers.inNamespace(settings.namespace());
        informer = source.inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(ServerResource server) {
                queue.add(key(server));
            }

            @Override
            public void onUpdate(ServerResource before, ServerResource after) {
                queue.add(key(after));
            }

            @Override
            public void onDelete(ServerResource server, boolean finalStateUnknown) {
                // Nothing to do: deletion waits for the finalizer, which reconcile removes.
            }
        }, settings.resync().toMillis());
    }

    private synchronized void stopLeading() {
        if (!leading) {
            return;
        }
        LOG.warn("kubernetes controller {} stopped leading", settings.identity());
        leading = false;
        SharedIndexInformer<ServerResource> current = informer;
        informer = null;
        if (current != null) {
            current.stop();
        }
    }

    private void reconcile(String key) {
        SharedIndexInformer<ServerResource> current = informer;
        if (current == null || !leading) {
            return;
        }
        ServerResource server = current.getIndexer().getByKey(key);
        if (server == null) {
            return;
        }
        try {
            reconciler.reconcile(server);
        } catch (RuntimeException failed) {
            // The next resync (or watch event) tries again; the object's status keeps its last good state.
            LOG.warn("reconcile of Server {} failed: {}", key, failed.toString());
        }
    }

    private static String key(ServerResource server) {
        return server.getMetadata().getNamespace() + "/" + server.getMetadata().getName();
    }

    /** Leaves the election (releasing the Lease when leading), stops watching and the workers. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        CompletableFuture<?> current = election;
        if (current != null) {
            current.cancel(true);
        }
        stopLeading();
        queue.close();
        elections.shutdownNow();
        try {
            elections.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        client.close();
    }

    /** Keys of the objects the leader knows now (for tests and diagnostics). */
    List<String> knownKeys() {
        SharedIndexInformer<ServerResource> current = informer;
        return current == null ? List.of() : new ArrayList<>(current.getIndexer().listKeys());
    }
}
