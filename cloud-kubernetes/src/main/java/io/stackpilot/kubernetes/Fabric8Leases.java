package io.stackpilot.kubernetes;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;

/** The election's Lease over fabric8 (coordination.k8s.io/v1). Thread-safe (the client is). */
final class Fabric8Leases implements LeaseStore {
    private static final int CONFLICT = 409;

    private final KubernetesClient client;
    private final String namespace;
    private final String name;

    Fabric8Leases(KubernetesClient client, String namespace, String name) {
        this.client = client;
        this.namespace = namespace;
        this.name = name;
    }

    @Override
    public Optional<Record> read() {
        Lease lease = client.leases().inNamespace(namespace).withName(name).get();
        if (lease == null) {
            return Optional.empty();
        }
        var spec = lease.getSpec();
        String version = lease.getMetadata().getResourceVersion();
        if (spec == null) {
            return Optional.of(new Record(null, null, null, null, 0, version));
        }
        return Optional.of(new Record(spec.getHolderIdentity(), spec.getLeaseDurationSeconds(),
                instant(spec.getAcquireTime()), instant(spec.getRenewTime()),
                spec.getLeaseTransitions() == null ? 0 : spec.getLeaseTransitions(), version));
    }

    @Override
    public boolean create(Record lease) {
        try {
            client.leases().inNamespace(namespace).resource(lease(lease, null)).create();
            return true;
        } catch (KubernetesClientException failed) {
            if (failed.getCode() == CONFLICT) {
                return false;
            }
            throw failed;
        }
    }

    @Override
    public boolean replace(Record lease, String resourceVersion) {
        try {
            // A PUT with the resourceVersion read: 409 when another replica wrote the Lease in between.
            client.leases().inNamespace(namespace).resource(lease(lease, resourceVersion)).update();
            return true;
        } catch (KubernetesClientException failed) {
            if (failed.getCode() == CONFLICT) {
                return false;
            }
            throw failed;
        }
    }

    @Override
    public boolean delete(String resourceVersion) {
        try {
            // DeleteOptions.preconditions.resourceVersion: 409 when another replica wrote the Lease in between.
            return !client.leases().inNamespace(namespace).withName(name).lockResourceVersion(resourceVersion)
                    .delete().isEmpty();
        } catch (KubernetesClientException failed) {
            if (failed.getCode() == CONFLICT) {
                return false;
            }
            throw failed;
        }
    }

    private Lease lease(Record lease, String resourceVersion) {
        return new LeaseBuilder().withNewMetadata().withNamespace(namespace).withName(name)
                .withResourceVersion(resourceVersion).endMetadata()
                .withNewSpec()
                .withHolderIdentity(lease.holder())
                .withLeaseDurationSeconds(lease.leaseDurationSeconds())
                .withAcquireTime(zoned(lease.acquireTime()))
                .withRenewTime(zoned(lease.renewTime()))
                .withLeaseTransitions(lease.leaseTransitions())
                .endSpec().build();
    }

    private static Instant instant(ZonedDateTime time) {
        return time == null ? null : time.toInstant();
    }

    private static ZonedDateTime zoned(Instant time) {
        return time == null ? null : time.atZone(ZoneOffset.UTC);
    }
}
