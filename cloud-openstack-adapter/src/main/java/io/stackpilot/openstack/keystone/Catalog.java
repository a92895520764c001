package io.stackpilot.openstack.keystone;

import io.stackpilot.core.error.UpstreamFailureException;
import io.stackpilot.openstack.keystone.KeystoneJson.CatalogEntry;
import io.stackpilot.openstack.keystone.KeystoneJson.EndpointJson;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import okhttp3.HttpUrl;

/**
 * The service catalog of a Keystone token: picks a service's endpoint by type, interface and region, never by a
 * guessed URL layout. Immutable.
 */
public final class Catalog {
    private final List<CatalogEntry> entries;

    Catalog(List<CatalogEntry> entries) {
        this.entries = entries == null ? List.of() : List.copyOf(entries);
    }

    /**
     * The endpoint URL of the service type for the interface, in the region (any region when null).
     *
     * @throws UpstreamFailureException when the catalog has no such endpoint
     */
    public HttpUrl endpoint(String type, String endpointInterface, String region) {
        for (CatalogEntry entry : entries) {
            if (!type.equals(entry.type()) || entry.endpoints() == null) {
                continue;
            }
            for (EndpointJson endpoint : entry.endpoints()) {
                if (endpointInterface.equals(endpoint.endpointInterface()) && inRegion(endpoint, region)) {
                    HttpUrl url = HttpUrl.parse(endpoint.url());
                    if (url != null) {
                        return url;
                    }
                }
            }
        }
        throw new UpstreamFailureException("identity", "the service catalog has no " + endpointInterface + " "
                + type + " endpoint" + (region == null ? "" : " in region " + region), null, null);
    }

    /** The regions that have an endpoint of the service type for the interface, in the catalog's order. */
    public List<String> regions(String type, String endpointInterface) {
        Set<String> regions = new LinkedHashSet<>();
        for (CatalogEntry entry : entries) {
            if (!type.equals(entry.type()) || entry.endpoints() == null) {
                continue;
            }
            for (EndpointJson endpoint : entry.endpoints()) {
                String region = endpoint.regionId() != null ? endpoint.regionId() : endpoint.region();
                if (endpointInterface.equals(endpoint.endpointInterface()) && region != null) {
                    regions.add(region);
                }
            }
        }
        return List.copyOf(regions);
    }

    private static boolean inRegion(EndpointJson endpoint, String region) {
        return region == null || region.equals(endpoint.regionId()) || region.equals(endpoint.region());
    }

    /**
     * The URL with the API version appended when the catalog lists the service unversioned, as Glance
     * ({@code http://host:9292}) and Neutron ({@code http://host:9696}) usually are; a URL whose last path segment is
     * already that version is returned as it is.
     */
    public static HttpUrl withVersion(HttpUrl url, String version) {
        List<String> segments = url.pathSegments().stream().filter(segment -> !segment.isEmpty()).toList();
        if (!segments.isEmpty() && segments.getLast().equals(version)) {
            return url;
        }
        HttpUrl.Builder builder = url.newBuilder();
        if (url.pathSegments().getLast().isEmpty()) {
            builder.removePathSegment(url.pathSize() - 1);
        }
        return builder.addPathSegment(version).build();
    }
}
