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
 */
public record Server(ServerId id, String name, ServerStatus status, List<Address> addresses, ResourceRef flavor,
                     ResourceRef image, String projectId, Instant createdAt, boolean preemptible,
                     Map<String, String> metadata, Location location) {
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

    public Optional<Instant> created() {
        return Optional.ofNullable(createdAt);
    }
}
