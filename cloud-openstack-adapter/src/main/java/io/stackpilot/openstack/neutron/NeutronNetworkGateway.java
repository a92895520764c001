package io.stackpilot.openstack.neutron;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.stackpilot.core.common.Location;
import io.stackpilot.core.common.Parallel;
import io.stackpilot.core.identity.Session;
import io.stackpilot.core.network.Network;
import io.stackpilot.core.network.NetworkGateway;
import io.stackpilot.core.network.NetworkQuota;
import io.stackpilot.core.network.Subnet;
import io.stackpilot.openstack.http.ApiCall;
import io.stackpilot.openstack.http.OpenStackHttp;
import io.stackpilot.openstack.http.PathSegments;
import io.stackpilot.openstack.keystone.ServiceEndpoints;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import okhttp3.HttpUrl;

/**
 * Neutron v2.0 as the core's network gateway: one list of networks and one of subnets (each paged through its
 * {@code *_links}), joined in memory, so two requests in all for a normal cloud, never one per network. Thread-safe.
 */
public final class NeutronNetworkGateway implements NetworkGateway {
    static final String SERVICE = "network";

    private final OpenStackHttp http;
    private final ServiceEndpoints endpoints;
    private final Location location;

    public NeutronNetworkGateway(OpenStackHttp http, ServiceEndpoints endpoints, Location location) {
        this.http = http;
        this.endpoints = endpoints;
        this.location = location;
    }

    record Link(String rel, String href) {
    }

    record NetworkJson(String id, String name, String status, Boolean shared,
                       @JsonProperty("router:external") Boolean external, List<String> subnets) {
    }

    record SubnetJson(String id, String cidr, @JsonProperty("ip_version") Integer ipVersion) {
    }

    record NetworkList(List<NetworkJson> networks, @JsonProperty("networks_links") List<Link> links) {
    }

    record SubnetList(List<SubnetJson> subnets, @JsonProperty("subnets_links") List<Link> links) {
    }

    record QuotaItem(Integer used, Integer limit) {
    }

    record QuotaDetails(QuotaItem floatingip, @JsonProperty("security_group") QuotaItem securityGroup) {
    }

    record QuotaEnvelope(QuotaDetails quota) {
    }

    /** {@code GET /v2.0/quotas/{project}/details.json}: limit and use of each resource, for the session's project. */
    @Override
    public NetworkQuota quota(Session session) {
        HttpUrl url = endpoints.network().newBuilder().addPathSegment("quotas")
                .addPathSegment(PathSegments.id("project", session.project().id())).addPathSegment("details.json")
                .build();
        QuotaEnvelope envelope = http.sendForJson(ApiCall.get(SERVICE, url, session), QuotaEnvelope.class);
        QuotaDetails details = envelope.quota() == null ? new QuotaDetails(null, null) : envelope.quota();
        return new NetworkQuota(limit(details.floatingip()), used(details.floatingip()),
                limit(details.securityGroup()), used(details.securityGroup()));
    }

    private static int limit(QuotaItem item) {
        return item == null || item.limit() == null ? -1 : item.limit();
    }

    private static int used(QuotaItem item) {
        return item == null || item.used() == null ? 0 : item.used();
    }

    @Override
    public List<Network> listNetworks(Session session) {
        HttpUrl base = endpoints.network();
        // The two lists are independent: asked at the same time, the answer waits for the slower one, not both.
        Parallel.Two<List<NetworkJson>, List<SubnetJson>> lists = Parallel.join(
                () -> all(session, base, "networks", NetworkList.class, NetworkList::networks, NetworkList::links),
                () -> all(session, base, "subnets", SubnetList.class, SubnetList::subnets, SubnetList::links));
        List<NetworkJson> networks = lists.first();
        List<SubnetJson> subnets = lists.second();
        Map<String, Subnet> subnetsById = new HashMap<>();
        for (SubnetJson subnet : subnets) {
            if (subnet.id() != null && subnet.cidr() != null && subnet.ipVersion() != null) {
                subnetsById.put(subnet.id(), new Subnet(subnet.id(), subnet.cidr(), subnet.ipVersion()));
            }
        }
        return networks.stream().map(network -> new Network(network.id(), network.name() == null ? ""
                : network.name(), network.status() == null ? "" : network.status(),
                Boolean.TRUE.equals(network.shared()), Boolean.TRUE.equals(network.external()),
                (network.subnets() == null ? List.<String>of() : network.subnets()).stream().map(subnetsById::get)
                        .filter(Objects::nonNull).toList(), location)).toList();
    }

    /** Follows the "next" link's marker (against our endpoint: the href's host is Neutron's idea, not ours). */
    private <P, T> List<T> all(Session session, HttpUrl base, String collection, Class<P> type,
                               Function<P, List<T>> items, Function<P, List<Link>> links) {
        List<T> all = new ArrayList<>();
        HttpUrl first = base.newBuilder().addPathSegment(collection).build();
        for (HttpUrl url = first; url != null; ) {
            P page = http.sendForJson(ApiCall.get(SERVICE, url, session), type);
            if (items.apply(page) != null) {
                all.addAll(items.apply(page));
            }
            url = next(first, links.apply(page));
        }
        return all;
    }

    private static HttpUrl next(HttpUrl first, List<Link> links) {
        if (links == null) {
            return null;
        }
        for (Link link : links) {
            HttpUrl href = "next".equals(link.rel()) && link.href() != null ? HttpUrl.parse(link.href()) : null;
            if (href != null) {
                HttpUrl.Builder url = first.newBuilder();
                for (String name : href.queryParameterNames()) {
                    href.queryParameterValues(name).forEach(value -> url.addQueryParameter(name, value));
                }
                return url.build();
            }
        }
        return null;
    }
}
