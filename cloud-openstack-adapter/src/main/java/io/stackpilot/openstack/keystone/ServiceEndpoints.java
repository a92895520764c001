package io.stackpilot.openstack.keystone;

import io.stackpilot.openstack.CloudSettings;
import okhttp3.HttpUrl;

/**
 * Where each service is, from the service account's catalog (by type, the configured interface and region). User
 * calls go to these endpoints with the user's own token. Glance and Neutron are often listed unversioned; their API
 * version is appended only when it is missing. Thread-safe.
 */
public final class ServiceEndpoints {
    private final ServiceAccount account;
    private final CloudSettings settings;

    public ServiceEndpoints(ServiceAccount account, CloudSettings settings) {
        this.account = account;
        this.settings = settings;
    }

    /** The catalog's compute endpoint, or the cloud's {@code compute_endpoint_override} when it has one. */
    public HttpUrl compute() {
        String override = settings.computeEndpointOverride();
        return override != null ? HttpUrl.get(override) : find("compute");
    }

    public HttpUrl image() {
        return Catalog.withVersion(find("image"), "v2");
    }

    public HttpUrl network() {
        return Catalog.withVersion(find("network"), "v2.0");
    }

    private HttpUrl find(String type) {
        return account.issued().catalog().endpoint(type, settings.endpointInterface(), settings.region());
    }
}
