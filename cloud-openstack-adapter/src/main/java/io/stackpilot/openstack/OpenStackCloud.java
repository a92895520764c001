package io.stackpilot.openstack;

import io.stackpilot.core.common.Location;
import io.stackpilot.core.compute.ComputeGateway;
import io.stackpilot.core.compute.ServerControlGateway;
import io.stackpilot.core.identity.IdentityGateway;
import io.stackpilot.core.identity.Session;
import io.stackpilot.core.image.ImageGateway;
import io.stackpilot.core.managed.ProjectSessions;
import io.stackpilot.core.network.NetworkGateway;
import io.stackpilot.openstack.glance.GlanceImageGateway;
import io.stackpilot.openstack.http.HttpClients;
import io.stackpilot.openstack.http.OpenStackHttp;
import io.stackpilot.openstack.http.RetryPolicy;
import io.stackpilot.openstack.keystone.KeystoneIdentityGateway;
import io.stackpilot.openstack.keystone.KeystoneTokens;
import io.stackpilot.openstack.keystone.ProjectScopedServiceAccount;
import io.stackpilot.openstack.keystone.ServiceAccount;
import io.stackpilot.openstack.keystone.ServiceEndpoints;
import io.stackpilot.openstack.neutron.NeutronFloatingIpGateway;
import io.stackpilot.openstack.neutron.NeutronNetworkGateway;
import io.stackpilot.openstack.neutron.NeutronSecurityGroupGateway;
import io.stackpilot.openstack.nova.NovaKeyPairGateway;
import io.stackpilot.openstack.nova.NovaComputeGateway;
import java.time.Clock;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * One OpenStack cloud: the gateways of its services over one shared OkHttp client (one connection pool per
 * process), and its service account. Connecting does no I/O; the service account logs in on first use. User calls
 * go with the user's token (the session's) to the endpoints of the service account's catalog. Thread-safe; close it
 * once at shutdown.
 */
public final class OpenStackCloud implements AutoCloseable {
    private final OkHttpClient client;
    private final CloudSettings settings;
    private final ServiceAccount serviceAccount;
    private final KeystoneIdentityGateway identity;
    private final NovaComputeGateway compute;
    private final GlanceImageGateway images;
    private final NeutronNetworkGateway networks;
    private final ProjectScopedServiceAccount projectSessions;
    private final NeutronFloatingIpGateway floatingIps;
    private final NeutronSecurityGroupGateway securityGroups;
    private final NovaKeyPairGateway keyPairs;

    private OpenStackCloud(CloudSettings settings, UpstreamObserver observer, RetryPolicy retries, Clock clock) {
        this.settings = settings;
        this.serviceAccount = new ServiceAccount(settings, clock);
        this.client = HttpClients.create(settings.connectTimeout(), settings.readTimeout(), observer, retries,
                serviceAccount, settings.tlsTrust());
        OpenStackHttp http = new OpenStackHttp(client);
        KeystoneTokens tokens = new KeystoneTokens(http, identityUrl(settings.authUrl()));
        serviceAccount.bind(tokens);
        ServiceEndpoints endpoints = new ServiceEndpoints(serviceAccount, settings);
        Location location = settings.location();
        this.identity = new KeystoneIdentityGateway(http, tokens, serviceAccount);
        this.compute = new NovaComputeGateway(http, endpoints, location);
        this.images = new GlanceImageGateway(http, endpoints, location);
        this.networks = new NeutronNetworkGateway(http, endpoints, location);
        this.projectSessions = new ProjectScopedServiceAccount(settings, serviceAccount, tokens, clock);
        this.floatingIps = new NeutronFloatingIpGateway(http, endpoints, location);
        this.securityGroups = new NeutronSecurityGroupGateway(http, endpoints, location);
        this.keyPairs = new NovaKeyPairGateway(http, endpoints);
    }

    public static OpenStackCloud connect(CloudSettings settings, UpstreamObserver observer) {
        return connect(settings, observer, RetryPolicy.DEFAULT, Clock.systemUTC());
    }

    /** As {@link #connect(CloudSettings, UpstreamObserver)}, with the retry policy and clock chosen (for tests). */
    public static OpenStackCloud connect(CloudSettings settings, UpstreamObserver observer, RetryPolicy retries,
                                         Clock clock) {
        return new OpenStackCloud(settings, observer == null ? UpstreamObserver.NONE : observer, retries, clock);
    }

    public IdentityGateway identity() {
        return identity;
    }

    /** Flavor administration with the service account (the same Nova client as {@link #compute()}). */
    public io.stackpilot.core.flavor.FlavorAdminGateway flavorAdmin() {
        return compute;
    }

    public ComputeGateway compute() {
        return compute;
    }

    /** Server actions and console logs (Nova). */
    public ServerControlGateway serverControl() {
        return compute;
    }

    public ImageGateway images() {
        return images;
    }

    public NetworkGateway networks() {
        return networks;
    }

    public NeutronFloatingIpGateway floatingIps() {
        return floatingIps;
    }

    public NeutronSecurityGroupGateway securityGroups() {
        return securityGroups;
    }

    public NovaKeyPairGateway keyPairs() {
        return keyPairs;
    }

    /**
     * The service account's project-scoped session, with its current token (renewed shortly before expiry). Ask
     * for a new one per job run rather than keeping one: a kept session's token expires.
     */
    public Session serviceSession() {
        return serviceAccount.session();
    }

    /** The service account scoped to an owner's project, for the desired-state engine (which has no user token). */
    public ProjectSessions projectSessions() {
        return projectSessions;
    }

    /**
     * The regions of this cloud's catalog that have a compute endpoint for the configured interface; logs the
     * service account in when it has no token yet.
     *
     * @throws io.stackpilot.core.error.StackpilotException when Keystone cannot be reached or refuses the account
     */
    public java.util.List<String> computeRegions() {
        return serviceAccount.issued().catalog().regions("compute", settings.endpointInterface());
    }

    /** This cloud's settings (secrets masked in their {@code toString}). */
    public CloudSettings settings() {
        return settings;
    }

    public Location location() {
        return settings.location();
    }

    @Override
    public void close() {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }

    /** Keystone's v3 root; an unversioned auth URL ({@code http://host:5000}) gets {@code /v3}, as the CLI does. */
    static HttpUrl identityUrl(String authUrl) {
        HttpUrl url = HttpUrl.get(authUrl);
        return url.pathSegments().stream().anyMatch(segment -> segment.equals("v3")) ? trimSlash(url)
                : io.stackpilot.openstack.keystone.Catalog.withVersion(url, "v3");
    }

    private static HttpUrl trimSlash(HttpUrl url) {
        return url.pathSegments().getLast().isEmpty() && url.pathSize() > 1
                ? url.newBuilder().removePathSegment(url.pathSize() - 1).build() : url;
    }
}
