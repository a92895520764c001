package io.stackpilot.openstack.neutron;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.stackpilot.core.common.Location;
import io.stackpilot.core.error.NotFoundException;
import io.stackpilot.core.identity.Session;
import io.stackpilot.core.network.SecurityGroup;
import io.stackpilot.core.network.SecurityGroupGateway;
import io.stackpilot.core.network.SecurityGroupRule;
import io.stackpilot.core.network.SecurityGroupRuleSpec;
import io.stackpilot.openstack.http.ApiCall;
import io.stackpilot.openstack.http.OpenStackHttp;
import io.stackpilot.openstack.http.PathSegments;
import io.stackpilot.openstack.keystone.ServiceEndpoints;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import okhttp3.HttpUrl;

/**
 * Neutron v2.0 security groups ({@code /security-groups}, rules inline) and rules ({@code /security-group-rules})
 * as the core's security group gateway. Lists ask for the session's project only. Thread-safe.
 */
public final class NeutronSecurityGroupGateway implements SecurityGroupGateway {
    private final OpenStackHttp http;
    private final ServiceEndpoints endpoints;
    private final Location location;

    public NeutronSecurityGroupGateway(OpenStackHttp http, ServiceEndpoints endpoints, Location location) {
        this.http = http;
        this.endpoints = endpoints;
        this.location = location;
    }

    record RuleJson(String id, String direction, String ethertype, String protocol,
                    @JsonProperty("port_range_min") Integer portRangeMin,
                    @JsonProperty("port_range_max") Integer portRangeMax,
                    @JsonProperty("remote_ip_prefix") String remoteIpPrefix,
                    @JsonProperty("remote_group_id") String remoteGroupId) {
    }

    record GroupJson(String id, String name, String description, @JsonProperty("project_id") String projectId,
                     @JsonProperty("tenant_id") String tenantId,
                     @JsonProperty("security_group_rules") List<RuleJson> rules) {
    }

    record GroupEnvelope(@JsonProperty("security_group") GroupJson securityGroup) {
    }

    record RuleEnvelope(@JsonProperty("security_group_rule") RuleJson securityGroupRule) {
    }

    @Override
    public List<SecurityGroup> listSecurityGroups(Session session) {
        HttpUrl url = url("security-groups").addQueryParameter("project_id", session.project().id()).build();
        return NeutronPages.all(http, session, url, "security_groups", GroupJson.class).stream()
                .map(this::map).toList();
    }

    @Override
    public Optional<SecurityGroup> findSecurityGroup(Session session, String id) {
        if (!PathSegments.isSafeId(id)) {
            return Optional.empty();
        }
        try {
            return Optional.of(group(ApiCall.get(NeutronNetworkGateway.SERVICE, one("security-groups", id), session)
                    .about("security group", id)));
        } catch (NotFoundException missing) {
            return Optional.empty();
        }
    }

    @Override
    public SecurityGroup createSecurityGroup(Session session, String name, String description) {
        Map<String, Object> body = Map.of("security_group", Map.of("name", name, "description", description));
        return group(ApiCall.post(NeutronNetworkGateway.SERVICE, url("security-groups").build(), session, body));
    }

    @Override
    public SecurityGroupRule addRule(Session session, String groupId, SecurityGroupRuleSpec spec) {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("security_group_id", groupId);
        rule.put("direction", spec.direction());
        rule.put("ethertype", spec.ethertype());
        putIfGiven(rule, "protocol", spec.protocol());
        putIfGiven(rule, "port_range_min", spec.portRangeMin());
        putIfGiven(rule, "port_range_max", spec.portRangeMax());
        putIfGiven(rule, "remote_ip_prefix", spec.remoteIpPrefix());
        ApiCall call = ApiCall.post(NeutronNetworkGateway.SERVICE, url("security-group-rules").build(), session,
                Map.of("security_group_rule", rule)).about("security group", groupId);
        RuleJson created = http.sendForJson(call, RuleEnvelope.class).securityGroupRule();
        if (created == null || created.id() == null) {
            throw http.errors().unreadable(call, null, null);
        }
        return map(created);
    }

    private static void putIfGiven(Map<String, Object> body, String field, Object value) {
        if (value != null) {
            body.put(field, value);
        }
    }

    @Override
    public void deleteRule(Session session, String ruleId) {
        http.send(ApiCall.delete(NeutronNetworkGateway.SERVICE, one("security-group-rules", ruleId), session)
                .about("security group rule", ruleId));
    }

    @Override
    public void deleteSecurityGroup(Session session, String id) {
        http.send(ApiCall.delete(NeutronNetworkGateway.SERVICE, one("security-groups", id), session)
                .about("security group", id));
    }

    private SecurityGroup group(ApiCall call) {
        GroupJson group = http.sendForJson(call, GroupEnvelope.class).securityGroup();
        if (group == null || group.id() == null) {
            throw http.errors().unreadable(call, null, null);
        }
        return map(group);
    }

    private SecurityGroup map(GroupJson json) {
        return new SecurityGroup(json.id(), Objects.requireNonNullElse(json.name(), ""), json.description(),
                NeutronFloatingIpGateway.owner(json.projectId(), json.tenantId()),
                json.rules() == null ? List.of() : json.rules().stream().filter(rule -> rule.id() != null)
                        .map(NeutronSecurityGroupGateway::map).toList(), location);
    }

    private static SecurityGroupRule map(RuleJson rule) {
        return new SecurityGroupRule(rule.id(), Objects.requireNonNullElse(rule.direction(), ""),
                Objects.requireNonNullElse(rule.ethertype(), ""), rule.protocol(), rule.portRangeMin(),
                rule.portRangeMax(), rule.remoteIpPrefix(), rule.remoteGroupId());
    }

    private HttpUrl.Builder url(String collection) {
        return endpoints.network().newBuilder().addPathSegment(collection);
    }

    private HttpUrl one(String collection, String id) {
        return url(collection).addPathSegment(PathSegments.id(collection.replace('-', ' '), id)).build();
    }
}
