package io.stackpilot.openstack.neutron;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackpilot.core.identity.Session;
import io.stackpilot.openstack.http.ApiCall;
import io.stackpilot.openstack.http.OpenStackHttp;
import java.util.ArrayList;
import java.util.List;
import okhttp3.HttpUrl;

/**
 * A Neutron collection read to its end: each page's {@code <collection>_links} "next" gives the next marker, which
 * is asked of our endpoint (the href's host is Neutron's idea, not ours). Stateless.
 */
final class NeutronPages {
    private NeutronPages() {
    }

    /** Every item of the collection at {@code first} (whose query, e.g. a project filter, every page keeps). */
    static <T> List<T> all(OpenStackHttp http, Session session, HttpUrl first, String collection, Class<T> type) {
        List<T> all = new ArrayList<>();
        for (HttpUrl url = first; url != null; ) {
            ApiCall call = ApiCall.get(NeutronNetworkGateway.SERVICE, url, session);
            JsonNode page = http.sendForJson(call, JsonNode.class);
            JsonNode items = page.get(collection);
            if (items != null && items.isArray()) {
                for (JsonNode item : items) {
                    all.add(OpenStackHttp.JSON.convertValue(item, type));
                }
            }
            url = next(first, page.get(collection + "_links"));
        }
        return all;
    }

    private static HttpUrl next(HttpUrl first, JsonNode links) {
        if (links == null || !links.isArray()) {
            return null;
        }
        for (JsonNode link : links) {
            HttpUrl href = "next".equals(link.path("rel").asText()) ? HttpUrl.parse(link.path("href").asText()) : null;
            if (href != null) {
                HttpUrl.Builder url = first.newBuilder();
                for (String name : href.queryParameterNames()) {
                    url.removeAllQueryParameters(name);
                    href.queryParameterValues(name).forEach(value -> url.addQueryParameter(name, value));
                }
                return url.build();
            }
        }
        return null;
    }
}
