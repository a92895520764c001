package io.stackpilot.openstack.nova;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackpilot.core.common.Location;
import io.stackpilot.core.compute.Address;
import io.stackpilot.core.compute.AddressType;
import io.stackpilot.core.compute.ComputeLimits;
import io.stackpilot.core.compute.Flavor;
import io.stackpilot.core.compute.ResourceRef;
import io.stackpilot.core.compute.Server;
import io.stackpilot.core.compute.ServerId;
import io.stackpilot.core.compute.ServerStatus;
import io.stackpilot.core.compute.ServerUsage;
import io.stackpilot.openstack.nova.NovaJson.AddressJson;
import io.stackpilot.openstack.nova.NovaJson.Absolute;
import io.stackpilot.openstack.nova.NovaJson.FlavorJson;
import io.stackpilot.openstack.nova.NovaJson.ServerJson;
import io.stackpilot.openstack.nova.NovaJson.ServerUsageJson;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Nova's JSON records to the core's records. Tolerant: missing numbers are 0, unknown statuses UNKNOWN. */
final class NovaMapping {
    private NovaMapping() {
    }

    static Flavor flavor(FlavorJson json, Location location) {
        return new Flavor(json.id(), json.name() == null ? "" : json.name(), orZero(json.vcpus()), orZero(json.ram()),
                orZero(json.disk()), orZero(json.ephemeral()), json.isPublic() == null || json.isPublic(), location);
    }

    /** Names of flavor and image are null: at 2.46 the server carries only their ids (callers enrich in bulk). */
    static Server server(ServerJson json, Location location) {
        Map<String, String> metadata = json.metadata() == null ? Map.of() : json.metadata();
        return new Server(new ServerId(json.id()), json.name() == null ? "" : json.name(),
                ServerStatus.parse(json.status()), addresses(json.addresses()), flavor(json.flavor()),
                image(json.image()), json.tenantId(), instant(json.created()),
                "true".equalsIgnoreCase(metadata.get(Server.PREEMPTIBLE_METADATA_KEY)), metadata, location,
                json.fault() == null ? null : json.fault().message());
    }

    static ComputeLimits limits(Absolute absolute) {
        return new ComputeLimits(orUnlimited(absolute.maxTotalInstances()), orZero(absolute.totalInstancesUsed()),
                orUnlimited(absolute.maxTotalCores()), orZero(absolute.totalCoresUsed()),
                orUnlimited(absolute.maxTotalRAMSize()), orZero(absolute.totalRAMUsed()));
    }

    /** Nova reports "terminated" for a deleted server's usage; other states are server states in lower case. */
    static ServerUsage usage(ServerUsageJson json, String tenantId) {
        ServerStatus state = "terminated".equalsIgnoreCase(json.state()) ? ServerStatus.DELETED
                : ServerStatus.parse(json.state());
        return new ServerUsage(json.instanceId(), json.name(), json.tenantId() == null ? tenantId : json.tenantId(),
                instant(json.startedAt()), instant(json.endedAt()), state);
    }

    private static List<Address> addresses(Map<String, List<AddressJson>> byNetwork) {
        List<Address> addresses = new ArrayList<>();
        if (byNetwork == null) {
            return addresses;
        }
        byNetwork.forEach((network, list) -> {
            for (AddressJson address : list == null ? List.<AddressJson>of() : list) {
                if (address.addr() == null || address.version() == null) {
                    continue;
                }
                AddressType type = "floating".equalsIgnoreCase(address.type()) ? AddressType.FLOATING
                        : AddressType.FIXED;
                addresses.add(new Address(network, address.addr(), address.version(), type, address.mac()));
            }
        });
        return addresses;
    }

    private static ResourceRef flavor(JsonNode flavor) {
        if (flavor != null && flavor.path("id").isValueNode()) {
            return new ResourceRef(flavor.get("id").asText(), textOrNull(flavor.path("original_name")));
        }
        // After 2.47 the flavor is embedded without its id; we pin 2.46, so this is only a fallback.
        String name = flavor == null ? null : textOrNull(flavor.path("original_name"));
        return new ResourceRef(name == null ? "unknown" : name, name);
    }

    private static ResourceRef image(JsonNode image) {
        if (image == null || !image.path("id").isValueNode() || image.get("id").asText().isBlank()) {
            return null;
        }
        return new ResourceRef(image.get("id").asText(), textOrNull(image.path("name")));
    }

    /** Nova writes "2026-11-22T05:26:51Z", usage writes "2026-11-22T05:26:51.000000" (UTC without a zone). */
    static Instant instant(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        if (text.endsWith("Z") || text.matches(".*[+-]\\d\\d:\\d\\d$")) {
            return java.time.OffsetDateTime.parse(text).toInstant();
        }
        return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
    }

    private static String textOrNull(JsonNode node) {
        return node != null && node.isTextual() && !node.asText().isBlank() ? node.asText() : null;
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    private static int orUnlimited(Integer value) {
        return value == null ? -1 : value;
    }
}
