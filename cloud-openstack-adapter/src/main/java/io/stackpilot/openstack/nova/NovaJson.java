package io.stackpilot.openstack.nova;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** Nova's JSON at microversion 2.46, as far as we read it. Unknown fields are ignored. */
final class NovaJson {
    private NovaJson() {
    }

    record Link(String rel, String href) {
    }

    record FlavorJson(String id, String name, Integer vcpus, Integer ram, Integer disk,
                      @JsonProperty("OS-FLV-EXT-DATA:ephemeral") Integer ephemeral,
                      @JsonProperty("os-flavor-access:is_public") Boolean isPublic) {
    }

    record FlavorEnvelope(FlavorJson flavor) {
    }

    record FlavorList(List<FlavorJson> flavors, @JsonProperty("flavors_links") List<Link> links) {
    }

    /** POST /flavors: its body (the answer is a {@link FlavorEnvelope}). */
    record NewFlavor(String name, int vcpus, int ram, int disk) {
    }

    record NewFlavorEnvelope(NewFlavor flavor) {
    }

    record AddressJson(Integer version, String addr, @JsonProperty("OS-EXT-IPS:type") String type,
                       @JsonProperty("OS-EXT-IPS-MAC:mac_addr") String mac) {
    }

    /** {@code image} is an object, or the empty string for a server booted from a volume. */
    record ServerJson(String id, String name, String status, @JsonProperty("tenant_id") String tenantId,
                      Map<String, String> metadata, JsonNode image, JsonNode flavor, String created,
                      Map<String, List<AddressJson>> addresses, Fault fault) {
    }

    /** A server's {@code fault} (ERROR): e.g. "No valid host was found. ..." when no host had room. */
    record Fault(String message) {
    }

    record ServerEnvelope(ServerJson server) {
    }

    record ServerList(List<ServerJson> servers, @JsonProperty("servers_links") List<Link> links) {
    }

    record CreatedServer(String id) {
    }

    record CreatedEnvelope(CreatedServer server) {
    }

    record Absolute(Integer maxTotalInstances, Integer totalInstancesUsed, Integer maxTotalCores,
                    Integer totalCoresUsed, Integer maxTotalRAMSize, Integer totalRAMUsed) {
    }

    record Limits(Absolute absolute) {
    }

    record LimitsEnvelope(Limits limits) {
    }

    record ServerUsageJson(@JsonProperty("instance_id") String instanceId, String name,
                           @JsonProperty("tenant_id") String tenantId, @JsonProperty("started_at") String startedAt,
                           @JsonProperty("ended_at") String endedAt, String state) {
    }

    record TenantUsage(@JsonProperty("tenant_id") String tenantId,
                       @JsonProperty("server_usages") List<ServerUsageJson> serverUsages) {
    }

    record UsageList(@JsonProperty("tenant_usages") List<TenantUsage> tenantUsages,
                     @JsonProperty("tenant_usages_links") List<Link> links) {
    }

    record VersionJson(String id, String version, @JsonProperty("min_version") String minVersion) {
    }

    record VersionEnvelope(VersionJson version) {
    }

    /** The answer to {@code os-getConsoleOutput}. */
    record ConsoleOutput(String output) {
    }

    /**
     * The marker of the "next" link, or null on the last page. We re-issue the query with that marker against our
     * own endpoint rather than follow the href, whose host is often wrong behind a proxy.
     */
    static String nextMarker(List<Link> links) {
        if (links == null) {
            return null;
        }
        return links.stream().filter(link -> "next".equals(link.rel())).map(Link::href)
                .map(okhttp3.HttpUrl::parse).filter(java.util.Objects::nonNull)
                .map(url -> url.queryParameter("marker")).filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }
}
