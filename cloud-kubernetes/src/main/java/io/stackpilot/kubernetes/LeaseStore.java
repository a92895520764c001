package io.stackpilot.kubernetes;

import java.time.Instant;
import java.util.Optional;

/**
 * The one coordination.k8s.io Lease the controller's replicas elect their leader with (fabric8 implements it; tests
 * use an in-memory one). Writes and the delete are compare-and-set on the Lease's resourceVersion. Thread-safe. Calls throw
 * fabric8's KubernetesClientException (or any RuntimeException) when the API server cannot be asked.
 */
interface LeaseStore {

    /** What the Lease says now, with its resourceVersion; empty when there is no Lease. */
    Optional<Record> read();

    /** Creates the Lease; false when it exists already (another replica created it first). */
    boolean create(Record lease);

    /** Replaces the Lease if it is still at {@code resourceVersion}; false when it changed meanwhile (409). */
    boolean replace(Record lease, String resourceVersion);

    /**
     * Deletes the Lease if it is still at {@code resourceVersion}; false when it changed meanwhile (409) or is gone
     * already.
     */
    boolean delete(String resourceVersion);

    /**
     * A Lease's spec. {@code holder} null or empty means nobody holds it; {@code renewTime} and {@code
     * leaseDurationSeconds} may be absent in Leases written by other tools; {@code resourceVersion} is only set on
     * what {@link #read} returns.
     */
    record Record(String holder, Integer leaseDurationSeconds, Instant acquireTime, Instant renewTime,
                  int leaseTransitions, String resourceVersion) {

        boolean held() {
            return holder != null && !holder.isEmpty();
        }
    }
}
