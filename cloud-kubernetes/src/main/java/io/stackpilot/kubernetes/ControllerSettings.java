package io.stackpilot.kubernetes;

import java.time.Duration;
import java.util.Objects;

/**
 * How the controller runs. {@code namespace} null watches every namespace; {@code leaseNamespace} null puts the
 * Lease into the client's namespace (the pod's, or the kubeconfig context's); {@code identity} names this replica
 * in the Lease; {@code resync} is how often every Server is looked at again (the engine's status is polled, it is
 * not pushed); {@code workers} reconcile in parallel, one object on one worker at a time; {@code cloudAuthUrl} is
 * the daemon's cloud (a cloudRef naming another is refused; null: not checked).
 */
public record ControllerSettings(String namespace, String leaseNamespace, String leaseName, String identity,
                                 Duration resync, Duration leaseDuration, int workers, String cloudAuthUrl) {
    public static final String DEFAULT_LEASE_NAME = "stackpilot-controller";

    public ControllerSettings {
        Objects.requireNonNull(leaseName, "leaseName");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(resync, "resync");
        Objects.requireNonNull(leaseDuration, "leaseDuration");
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1");
        }
        if (resync.isNegative() || resync.isZero() || leaseDuration.toSeconds() < 3) {
            throw new IllegalArgumentException("resync must be positive and the lease at least 3 s");
        }
    }

    /**
     * Every namespace (or {@code namespace}), a 15 s lease, everything looked at every 10 s, 4 workers. The Lease is
     * {@value #DEFAULT_LEASE_NAME}, or {@code stackpilot-controller-<namespace>} for a controller of one namespace:
     * controllers of different namespaces are different deployments, and one must not wait for the other's leader.
     */
    public static ControllerSettings defaults(String identity, String namespace, String cloudAuthUrl) {
        return new ControllerSettings(namespace, null, namespace == null ? DEFAULT_LEASE_NAME
                : DEFAULT_LEASE_NAME + "-" + namespace, identity, Duration.ofSeconds(10), Duration.ofSeconds(15), 4,
                cloudAuthUrl);
    }
}
