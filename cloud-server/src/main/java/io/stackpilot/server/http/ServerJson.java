package io.stackpilot.server.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.stackpilot.core.compute.Address;
import io.stackpilot.core.compute.ResourceRef;
import io.stackpilot.core.compute.Server;
import io.stackpilot.core.operation.Operation;
import java.time.Instant;
import io.stackpilot.core.location.AcrossLocations;
import io.stackpilot.core.location.UnavailableLocation;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.UUID;

/**
 * A server as the API shows it. Metadata is not shown (it may hold what the caller's tools put there).
 * {@code floatingIp} is there only on a server's own answer (launch, show) when it asked for a floating IP at launch:
 * the state of the operation that gives it one.
 */
public record ServerJson(String id, String name, String status, List<AddressJson> addresses, Ref flavor, Ref image,
                         String projectId, Instant createdAt, boolean preemptible,
                         @JsonInclude(JsonInclude.Include.NON_NULL) FloatingIpState floatingIp,
                         @JsonInclude(JsonInclude.Include.NON_NULL) String cloud,
                         @JsonInclude(JsonInclude.Include.NON_NULL) String region) {

    /** The engine's operation that gives the server its floating IP: queued, running, succeeded, failed, ... */
    public record FloatingIpState(String state, UUID operationId, String error) {
        static FloatingIpState of(Operation operation) {
            return new FloatingIpState(operation.state().wireName(), operation.id(), operation.error());
        }
    }

    public record AddressJson(String network, String ip, int version, String type, String mac) {
        static AddressJson of(Address a) {
            return new AddressJson(a.network(), a.ip(), a.version(), a.type().name().toLowerCase(Locale.ROOT), a.mac());
        }
    }

    public record Ref(String id, String name) {
        static Ref of(ResourceRef ref) {
            return ref == null ? null : new Ref(ref.id(), ref.name());
        }
    }

    public record Page(List<ServerJson> servers, String nextMarker) {
    }

    /**
     * A list across locations ({@code ?location=}): every row names its cloud and region; the locations that did not
     * answer, and per location that had more, the marker that continues there.
     */
    public record AcrossPage(List<ServerJson> servers, List<UnavailableJson> unavailable,
                             Map<String, String> nextMarkers) {
        static AcrossPage of(AcrossLocations<Server> answer) {
            return new AcrossPage(answer.items().stream().map(ServerJson::located).toList(),
                    UnavailableJson.of(answer.unavailable()), answer.nextMarkers());
        }
    }

    /** A location that did not answer a list across locations, and why. */
    public record UnavailableJson(String location, String reason) {
        static List<UnavailableJson> of(List<UnavailableLocation> unavailable) {
            return unavailable.stream().map(u -> new UnavailableJson(u.location(), u.reason())).toList();
        }
    }

    /** With its cloud and region, as the lists across locations show every row. */
    public static ServerJson located(Server s) {
        ServerJson plain = of(s, null);
        return new ServerJson(plain.id, plain.name, plain.status, plain.addresses, plain.flavor, plain.image,
                plain.projectId, plain.createdAt, plain.preemptible, null, s.location().cloud(),
                s.location().region());
    }

    public static ServerJson of(Server s) {
        return of(s, null);
    }

    /** With the state of its floating IP operation; {@code floatingIp} null: none shown. */
    public static ServerJson of(Server s, Operation floatingIp) {
        return new ServerJson(s.id().value(), s.name(), s.status().name(),
                s.addresses().stream().map(AddressJson::of).toList(), Ref.of(s.flavor()), Ref.of(s.image()),
                s.projectId(), s.createdAt(), s.preemptible(),
                floatingIp == null ? null : FloatingIpState.of(floatingIp), null, null);
    }
}
