package io.stackpilot.server.http;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.stackpilot.core.managed.Condition;
import io.stackpilot.core.managed.ManagedServer;
import io.stackpilot.core.managed.ManagedServerEvent;
import io.stackpilot.core.managed.ManagedServerSpec;
import io.stackpilot.core.managed.ManagedServerStatus;
import io.stackpilot.core.placement.PlacementStatus;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A managed server as the API shows it (issue 15's resource shape, plus its {@code id}: the operations' target).
 * The spec shows flavor, image and networks as the caller wrote them and as resolved ids; {@code placement} is the
 * caller's JSON object, passed through as it was stored; {@code status.placement} is where the engine placed it.
 * {@code scheduleId} names the schedule that declared it.
 */
public record ManagedServerJson(UUID id, String name, String projectId, boolean managed, boolean reconcile, Spec spec,
                                long generation, Status status, Instant createdAt, Instant updatedAt,
                                Instant deletionRequestedAt, UUID scheduleId) {

    /** A list with {@code ?location=}: the rows, the chosen locations unavailable now, the next marker (by name). */
    public record AcrossPage(List<ManagedServerJson> managedServers, List<ServerJson.UnavailableJson> unavailable,
                             String nextMarker) {
    }

    public record Spec(String flavor, String flavorId, String image, String imageId, List<String> networks,
                       List<String> networkIds, boolean preemptible, String updatePolicy,
                       @JsonRawValue String placement) {
        static Spec of(ManagedServerSpec spec) {
            return new Spec(spec.flavor(), spec.flavorId(), spec.image(), spec.imageId(), spec.networks(),
                    spec.networkIds(), spec.preemptible(), spec.updatePolicy().wireName(), spec.placement());
        }
    }

    public record Status(String phase, long observedGeneration, String serverId, String serverStatus,
                         List<ServerJson.AddressJson> addresses, String cloud, String region,
                         List<ConditionJson> conditions, Instant lastReconciledAt, PlacementJson placement) {
        static Status of(ManagedServerStatus status) {
            return new Status(status.phase().wireName(), status.observedGeneration(), status.serverId(),
                    status.serverStatus() == null ? null : status.serverStatus().name(),
                    status.addresses().stream().map(ServerJson.AddressJson::of).toList(),
                    status.location() == null ? null : status.location().cloud(),
                    status.location() == null ? null : status.location().region(),
                    status.conditions().stream().map(ConditionJson::of).toList(), status.lastReconciledAt(),
                    status.placement() == null ? null : PlacementJson.of(status.placement()));
        }
    }

    /** Where the engine placed the VM ({@code location} null when no location took it) and every location tried. */
    public record PlacementJson(String location, String strategy, List<TriedJson> tried) {
        static PlacementJson of(PlacementStatus placement) {
            return new PlacementJson(placement.location(), placement.strategy().wireName(), placement.tried().stream()
                    .map(tried -> new TriedJson(tried.location(), tried.reason(), tried.at())).toList());
        }
    }

    public record TriedJson(String location, String reason, Instant at) {
    }

    public record ConditionJson(String type, boolean status, String reason, String message, Instant at) {
        static ConditionJson of(Condition condition) {
            return new ConditionJson(condition.type(), condition.status(), condition.reason(), condition.message(),
                    condition.at());
        }
    }

    public record EventJson(Instant at, String reason, String message, String actor, UUID operationId) {
        static EventJson of(ManagedServerEvent event) {
            return new EventJson(event.at(), event.reason(), event.message(), event.actor(), event.operationId());
        }
    }

    public record Page(List<ManagedServerJson> managedServers, String nextMarker) {
    }

    public record Events(List<EventJson> events) {
    }

    public record Imported(List<ManagedServerJson> managedServers) {
    }

    public static ManagedServerJson of(ManagedServer server) {
        return new ManagedServerJson(server.id(), server.name(), server.projectId(), server.managed(),
                server.reconcile(), Spec.of(server.spec()), server.generation(), Status.of(server.status()),
                server.createdAt(), server.updatedAt(), server.deletionRequestedAt(), server.scheduleId());
    }
}
