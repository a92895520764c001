package io.stackpilot.server.http;

import io.stackpilot.core.compute.Address;
import io.stackpilot.core.compute.ResourceRef;
import io.stackpilot.core.compute.Server;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** A server as the API shows it. Metadata is not shown (it may hold what the caller's tools put there). */
public record ServerJson(String id, String name, String status, List<AddressJson> addresses, Ref flavor, Ref image,
                         String projectId, Instant createdAt, boolean preemptible) {

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

    public static ServerJson of(Server s) {
        return new ServerJson(s.id().value(), s.name(), s.status().name(),
                s.addresses().stream().map(AddressJson::of).toList(), Ref.of(s.flavor()), Ref.of(s.image()),
                s.projectId(), s.createdAt(), s.preemptible());
    }
}
