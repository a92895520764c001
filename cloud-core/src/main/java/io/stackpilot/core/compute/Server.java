package io.stackpilot.core.compute;

import io.stackpilot.core.common.Location;
import io.stackpilot.core.common.Require;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A virtual machine. {@code image} is null for a server booted from a volume. {@code preemptible} says whether it
 * may be removed to make room for standard servers (recorded on the server in the cloud, e.g. as metadata).
 * {@code fault} is the cloud's message for a server in ERROR (null otherwise or when unknown).
 */
public record Server(ServerId id, String name, ServerStatus status, List<Address> addresses, ResourceRef flavor,
                     ResourceRef image, String projectId, Instant createdAt, boolean preemptible,
                     Map<String, String> metadata, Location location, String fault) {
    /** The server tag that marks a preemptible server in the cloud, next to the metadata key. */
    public static final String PREEMPTIBLE_TAG = "stackpilot-preemptible";
    /** The server metadata key (value "true") that marks a server preemptible in the cloud. */
    public static final String PREEMPTIBLE_METADATA_KEY = "stackpilot:preemptible";
    /**
     * The server metadata key whose value fingerprints the {@code Idempotency-Key} the server was launched under, so
     * that a retry after an ambiguous failure finds the server instead of booting a second one.
     */
    public static final String IDEMPOTENCY_METADATA_KEY = "stackpilot:idempotency";

    public Server {
        Require.notNull(id, "id");
        Require.notNull(name, "name");
        Require.notNull(status, "status");
        addresses = List.copyOf(Require.notNull(addresses, "addresses"));
        Require.notNull(flavor, "flavor");
        Require.notBlank(projectId, "projectId");
        metadata = Map.copyOf(Require.notNull(metadata, "metadata"));
        Require.notNull(location, "location");
    }

    /** A server without a fault. */
    public Server(ServerId id, String name, ServerStatus status, List<Address> addresses, ResourceRef flavor,
                  ResourceRef image, String projectId, Instant createdAt, boolean preemptible,
                  Map<String, String> metadata, Location location) {
        this(id, name, status, addresses, flavor, image, projectId, createdAt, preemptible, metadata, location, null);
    }

    /** Whether the scheduler found no host with room for it (Nova's fault "No valid host was found"). */
    public boolean failedForLackOfCapacity() {
        return status == ServerStatus.ERROR && fault != null && fault.contains("No valid host was found");
    }

    public Optional<Instant> created() {
        return Optional.ofNullable(createdAt);
    }
}
