package io.stackpilot.openstack.neutron;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.stackpilot.core.common.Location;
import io.stackpilot.core.error.ConflictException;
import io.stackpilot.core.error.NotFoundException;
import io.stackpilot.core.error.QuotaExceededException;
import io.stackpilot.core.identity.Session;
import io.stackpilot.core.network.FloatingIp;
import io.stackpilot.core.network.FloatingIpGateway;
import io.stackpilot.core.network.ServerPort;
import io.stackpilot.openstack.http.ApiCall;
import io.stackpilot.openstack.http.OpenStackHttp;
import io.stackpilot.openstack.http.PathSegments;
import io.stackpilot.openstack.keystone.ServiceEndpoints;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import okhttp3.HttpUrl;

/**
 * Neutron v2.0 floating IPs ({@code /floatingips}) and the ports of a server ({@code /ports?device_id=}) as the
 * core's floating IP gateway. Lists ask for the session's project only. The server an address is associated with
 * comes from {@code port_details} (Neutron's fip-port-details extension). Thread-safe.
 */
public final class NeutronFloatingIpGateway implements FloatingIpGateway {
    private final OpenStackHttp http;
    private final ServiceEndpoints endpoints;
    private final Location location;

    public NeutronFloatingIpGateway(OpenStackHttp http, ServiceEndpoints endpoints, Location location) {
        this.http = http;
        this.endpoints = endpoints;
        this.location = location;
    }

    record PortDetails(@JsonProperty("device_id") String deviceId, @JsonProperty("device_owner") String deviceOwner) {
    }

    record FloatingIpJson(String id, @JsonProperty("floating_ip_address") String floatingIpAddress,
                          @JsonProperty("floating_network_id") String floatingNetworkId,
                          @JsonProperty("project_id") String projectId, @JsonProperty("tenant_id") String tenantId,
                          String status, @JsonProperty("port_id") String portId,
                          @JsonProperty("fixed_ip_address") String fixedIpAddress,
                          @JsonProperty("port_details") PortDetails portDetails, String description) {
    }

    record Envelope(FloatingIpJson floatingip) {
    }

    record FixedIp(@JsonProperty("ip_address") String ipAddress) {
    }

    record PortJson(String id, @JsonProperty("network_id") String networkId, @JsonProperty("project_id") String projectId,
                    @JsonProperty("tenant_id") String tenantId, @JsonProperty("device_id") String deviceId,
                    @JsonProperty("fixed_ips") List<FixedIp> fixedIps) {
    }

    @Override
    public List<FloatingIp> listFloatingIps(Session session) {
        HttpUrl url = collection().addQueryParameter("project_id", session.project().id()).build();
        return NeutronPages.all(http, session, url, "floatingips", FloatingIpJson.class).stream()
                .map(this::map).toList();
    }

    @Override
    public Optional<FloatingIp> findFloatingIp(Session session, String id) {
        if (!PathSegments.isSafeId(id)) {
            return Optional.empty();
        }
        try {
            return Optional.of(send(ApiCall.get(NeutronNetworkGateway.SERVICE, one(id), session)
                    .about("floating ip", id)));
        } catch (NotFoundException missing) {
            return Optional.empty();
        }
    }

    @Override
    public FloatingIp allocate(Session session, String floatingNetworkId, String description) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("floating_network_id", floatingNetworkId);
        if (description != null) {
            fields.put("description", description);
        }
        Map<String, Object> body = Map.of("floatingip", fields);
        try {
            return send(ApiCall.post(NeutronNetworkGateway.SERVICE, collection().build(), session, body));
        } catch (ConflictException conflict) {
            // Neutron answers an exhausted quota with 409 OverQuota, not 403 or 413.
            if (conflict.getMessage() != null && conflict.getMessage().contains("uota")) {
                throw new QuotaExceededException(conflict.getMessage(), conflict.upstreamRequestId().orElse(null));
            }
            throw conflict;
        }
    }

    @Override
    public FloatingIp associate(Session session, String id, String portId, String fixedIp) {
        Map<String, Object> change = new HashMap<>();
        change.put("port_id", portId);
        if (fixedIp != null) {
            change.put("fixed_ip_address", fixedIp);
        }
        return update(session, id, change);
    }

    @Override
    public FloatingIp disassociate(Session session, String id) {
        Map<String, Object> change = new HashMap<>();
        change.put("port_id", null); // JSON null is how Neutron is told to disassociate
        return update(session, id, change);
    }

    private FloatingIp update(Session session, String id, Map<String, Object> change) {
        ApiCall call = new ApiCall(NeutronNetworkGateway.SERVICE, "PUT", one(id), session.token(), Map.of(),
                Map.of("floatingip", change), session.trace(), "floating ip", id);
        return send(call);
    }

    @Override
    public void release(Session session, String id) {
        http.send(ApiCall.delete(NeutronNetworkGateway.SERVICE, one(id), session).about("floating ip", id));
    }

    @Override
    public List<ServerPort> serverPorts(Session session, String serverId) {
        HttpUrl url = endpoints.network().newBuilder().addPathSegment("ports")
                .addQueryParameter("device_id", serverId).build();
        return NeutronPages.all(http, session, url, "ports", PortJson.class).stream()
                .filter(port -> port.id() != null && serverId.equals(port.deviceId()))
                .map(port -> new ServerPort(port.id(), Objects.requireNonNullElse(port.networkId(), ""),
                        owner(port.projectId(), port.tenantId()), port.deviceId(),
                        port.fixedIps() == null ? List.of() : port.fixedIps().stream().map(FixedIp::ipAddress)
                                .filter(Objects::nonNull).toList()))
                .toList();
    }

    private FloatingIp send(ApiCall call) {
        Envelope envelope = http.sendForJson(call, Envelope.class);
        if (envelope.floatingip() == null) {
            throw http.errors().unreadable(call, null, null);
        }
        return map(envelope.floatingip());
    }

    private FloatingIp map(FloatingIpJson json) {
        String serverId = json.portDetails() != null && json.portId() != null ? json.portDetails().deviceId() : null;
        return new FloatingIp(json.id(), json.floatingIpAddress(),
                Objects.requireNonNullElse(json.floatingNetworkId(), ""), owner(json.projectId(), json.tenantId()),
                Objects.requireNonNullElse(json.status(), "UNKNOWN"), json.portId(), json.fixedIpAddress(),
                serverId == null || serverId.isEmpty() ? null : serverId,
                json.description() == null || json.description().isEmpty() ? null : json.description(), location);
    }

    /** Neutron names the owner twice (project_id, and tenant_id of old); either may be missing. */
    static String owner(String projectId, String tenantId) {
        return projectId != null ? projectId : Objects.requireNonNullElse(tenantId, "");
    }

    private HttpUrl.Builder collection() {
        return endpoints.network().newBuilder().addPathSegment("floatingips");
    }

    private HttpUrl one(String id) {
        return collection().addPathSegment(PathSegments.id("floating ip", id)).build();
    }
}
