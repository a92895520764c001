package io.stackpilot.openstack.nova;

import io.stackpilot.core.common.Location;
import io.stackpilot.core.common.Page;
import io.stackpilot.core.compute.BootRequest;
import io.stackpilot.core.compute.ComputeGateway;
import io.stackpilot.core.compute.ComputeLimits;
import io.stackpilot.core.compute.Flavor;
import io.stackpilot.core.compute.Server;
import io.stackpilot.core.compute.ServerAction;
import io.stackpilot.core.compute.ServerControlGateway;
import io.stackpilot.core.compute.ServerId;
import io.stackpilot.core.compute.ServerQuery;
import io.stackpilot.core.compute.ServerUsage;
import io.stackpilot.core.error.ForbiddenException;
import io.stackpilot.core.flavor.FlavorAdminGateway;
import io.stackpilot.core.flavor.FlavorShape;
import io.stackpilot.core.error.NotFoundException;
import io.stackpilot.core.identity.Session;
import io.stackpilot.openstack.http.ApiCall;
import io.stackpilot.openstack.http.OpenStackHttp;
import io.stackpilot.openstack.http.PathSegments;
import io.stackpilot.openstack.keystone.ServiceEndpoints;
import io.stackpilot.openstack.nova.NovaJson.FlavorEnvelope;
import io.stackpilot.openstack.nova.NovaJson.FlavorJson;
import io.stackpilot.openstack.nova.NovaJson.FlavorList;
import io.stackpilot.openstack.nova.NovaJson.ServerEnvelope;
import io.stackpilot.openstack.nova.NovaJson.ServerJson;
import io.stackpilot.openstack.nova.NovaJson.ServerList;
import io.stackpilot.openstack.nova.NovaJson.TenantUsage;
import io.stackpilot.openstack.nova.NovaJson.UsageList;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.HttpUrl;

/**
 * Nova (compute API v2.1 at microversion {@value Microversion#PINNED}) as the core's compute gateway and server
 * control gateway (actions and console log: one POST each, see {@link NovaServerActions}). Every call uses
 * the session's token and records the cloud's request ids into the session's trace. Lists follow Nova's paging.
 * Requests per operation (plus one version-document GET once per process): listFlavors, listServers (per page),
 * findFlavor, findServer, delete, limits and usage (per page) 1; boot 2 (POST, then GET of the new server). A server's flavor and
 * image carry ids only; callers that need names join them with one flavor and one image list (no per-server lookups).
 * {@link ServerQuery#name()} is passed to Nova, which matches it as a regular expression. Thread-safe.
 */
public final class NovaComputeGateway implements ComputeGateway, ServerControlGateway, FlavorAdminGateway {
    static final String SERVICE = "compute";
    /** os-simple-tenant-usage takes UTC times without a zone. */
    private static final DateTimeFormatter NOVA_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS");

    private final OpenStackHttp http;
    private final ServiceEndpoints endpoints;
    private final Microversion microversion;
    private final Location location;
    private final NovaServerActions actions;

    public NovaComputeGateway(OpenStackHttp http, ServiceEndpoints endpoints, Location location) {
        this.http = http;
        this.actions = new NovaServerActions(http);
        this.endpoints = endpoints;
        this.microversion = new Microversion(http);
        this.location = location;
    }

    @Override
    public List<Flavor> listFlavors(Session session) {
        HttpUrl compute = supportedEndpoint(session);
        List<Flavor> flavors = new ArrayList<>();
        String marker = null;
        do {
            HttpUrl.Builder url = url(compute, "flavors", "detail");
            if (marker != null) {
                url.addQueryParameter("marker", marker);
            }
            FlavorList page = http.sendForJson(get(session, url.build()), FlavorList.class);
            if (page.flavors() != null) {
                page.flavors().forEach(flavor -> flavors.add(NovaMapping.flavor(flavor, location)));
            }
            marker = NovaJson.nextMarker(page.links());
        } while (marker != null);
        return flavors;
    }

    /** One request; 404 and 403 (a private flavor of another project) are empty, as is an id unsafe in a path. */
    @Override
    public Optional<Flavor> findFlavor(Session session, String id) {
        if (!PathSegments.isSafeId(id)) {
            return Optional.empty();
        }
        try {
            ApiCall call = get(session, url(supportedEndpoint(session), "flavors", id).build()).about("flavor", id);
            FlavorJson flavor = http.sendForJson(call, FlavorEnvelope.class).flavor();
            return flavor == null ? Optional.empty() : Optional.of(NovaMapping.flavor(flavor, location));
        } catch (NotFoundException | ForbiddenException notVisible) {
            return Optional.empty();
        }
    }

    /** As {@link #listFlavors} with {@code is_public=None}: an admin sees private flavors too. One request a page. */
    @Override
    public List<Flavor> listAllFlavors(Session session) {
        HttpUrl compute = supportedEndpoint(session);
        List<Flavor> flavors = new ArrayList<>();
        String marker = null;
        do {
            HttpUrl.Builder url = url(compute, "flavors", "detail").addQueryParameter("is_public", "None");
            if (marker != null) {
                url.addQueryParameter("marker", marker);
            }
            FlavorList page = http.sendForJson(get(session, url.build()), FlavorList.class);
            if (page.flavors() != null) {
                page.flavors().forEach(flavor -> flavors.add(NovaMapping.flavor(flavor, location)));
            }
            marker = NovaJson.nextMarker(page.links());
        } while (marker != null);
        return flavors;
    }

    /** One request (never retried): POST /flavors, public, Nova picks the id. */
    @Override
    public Flavor createFlavor(Session session, FlavorShape shape) {
        HttpUrl compute = supportedEndpoint(session);
        ApiCall call = ApiCall.post(SERVICE, url(compute, "flavors").build(), session, new NovaJson.NewFlavorEnvelope(
                new NovaJson.NewFlavor(shape.name(), shape.vcpus(), shape.ramMb(), shape.diskGb())))
                .withHeaders(Microversion.HEADERS);
        return NovaMapping.flavor(http.sendForJson(call, NovaJson.FlavorEnvelope.class).flavor(), location);
    }

    @Override
    public Page<Server> listServers(Session session, ServerQuery query) {
        // Keyed by id: while a server moves from build request to instance Nova may list it on two pages.
        HttpUrl compute = supportedEndpoint(session);
        Map<String, Server> servers = new LinkedHashMap<>();
        String marker = query.marker();
        do {
            ServerList page = http.sendForJson(get(session, serversUrl(compute, query, marker)), ServerList.class);
            if (page.servers() != null) {
                page.servers().forEach(server -> servers.putIfAbsent(server.id(), NovaMapping.server(server,
                        location)));
            }
            marker = NovaJson.nextMarker(page.links());
        } while (marker != null && query.limit() == null);
        return new Page<>(List.copyOf(servers.values()), query.limit() == null ? null : marker);
    }

    private static HttpUrl serversUrl(HttpUrl compute, ServerQuery query, String marker) {
        HttpUrl.Builder url = url(compute, "servers", "detail");
        if (query.allProjects()) {
            url.addQueryParameter("all_tenants", "1");
            if (query.projectId() != null) {
                url.addQueryParameter("project_id", query.projectId());
            }
        }
        if (query.status() != null) {
            url.addQueryParameter("status", query.status().name());
        }
        if (query.name() != null) {
            url.addQueryParameter("name", query.name());
        }
        if (query.limit() != null) {
            url.addQueryParameter("limit", query.limit().toString());
        }
        if (marker != null) {
            url.addQueryParameter("marker", marker);
        }
        return url.build();
    }

    /**
     * One request. Nova answers 404 for an unknown id, but 403 ("Policy doesn't allow os_compute_api:servers:show")
     * for another project's server; both mean "not visible to this session".
     */
    @Override
    public Optional<Server> findServer(Session session, ServerId id) {
        try {
            PathSegments.id("server", id.value()); // an id that would change the path is not found, with no request
            return Optional.of(getServer(session, supportedEndpoint(session), id));
        } catch (NotFoundException | ForbiddenException notVisible) {
            return Optional.empty();
        }
    }

    private Server getServer(Session session, HttpUrl compute, ServerId id) {
        ApiCall call = get(session, serverUrl(compute, id)).about("server", id.value());
        ServerJson server = http.sendForJson(call, ServerEnvelope.class).server();
        if (server == null) {
            // Another document than a server's (a list, a version page): an answer we cannot use, not a crash.
            throw http.errors().unreadable(call, null, null);
        }
        return NovaMapping.server(server, location);
    }

    /** The id goes in as one encoded path segment; an id that would change the path never leaves. */
    private static HttpUrl serverUrl(HttpUrl compute, ServerId id) {
        return url(compute, "servers", PathSegments.id("server", id.value())).build();
    }

    /** Two requests: the POST (never retried), then a GET of the new server for its full record. */
    @Override
    public Server boot(Session session, BootRequest request) {
        HttpUrl compute = supportedEndpoint(session);
        ApiCall call = ApiCall.post(SERVICE, url(compute, "servers").build(), session, BootBody.of(request))
                .withHeaders(BootBody.headers(request));
        String id = http.sendForJson(call, NovaJson.CreatedEnvelope.class).server().id();
        try {
            return getServer(session, compute, new ServerId(id));
        } catch (NotFoundException raced) {
            // Deleted between the POST and the GET; report it as Nova accepted it.
            return BootBody.accepted(id, request, session, location);
        }
    }

    /**
     * One request. A 403 is checked with one GET: another project's server is reported as not found (as the contract
     * says), while a server the caller sees but may not delete stays forbidden.
     */
    @Override
    public void delete(Session session, ServerId id) {
        PathSegments.id("server", id.value()); // an id that would change the path is not found, with no request
        HttpUrl compute = supportedEndpoint(session);
        try {
            http.send(ApiCall.delete(SERVICE, serverUrl(compute, id), session)
                    .withHeaders(Microversion.HEADERS).about("server", id.value()));
        } catch (ForbiddenException forbidden) {
            if (findServer(session, id).isEmpty()) {
                throw new NotFoundException("server", id.value(), forbidden.upstreamRequestId().orElse(null));
            }
            throw forbidden;
        }
    }

    @Override
    public void act(Session session, ServerId id, ServerAction action) {
        actions.act(session, actionUrl(session, id), id, action);
    }

    @Override
    public String consoleLog(Session session, ServerId id, Integer lines) {
        return actions.consoleLog(session, actionUrl(session, id), id, lines);
    }

    /** The id is checked before the microversion step: an id that would change the path never costs a request. */
    private HttpUrl actionUrl(Session session, ServerId id) {
        String segment = PathSegments.id("server", id.value());
        return url(supportedEndpoint(session), "servers", segment, "action").build();
    }

    @Override
    public ComputeLimits limits(Session session) {
        HttpUrl compute = supportedEndpoint(session);
        return NovaMapping.limits(http.sendForJson(get(session, url(compute, "limits").build()),
                NovaJson.LimitsEnvelope.class).limits().absolute());
    }

    /** All tenants' usage, detailed, following Nova's paging (2.40+) until no next link is given. */
    @Override
    public List<ServerUsage> usage(Session session, Instant start, Instant end) {
        HttpUrl compute = supportedEndpoint(session);
        List<ServerUsage> usages = new ArrayList<>();
        String marker = null;
        do {
            HttpUrl.Builder url = url(compute, "os-simple-tenant-usage").addQueryParameter("detailed", "1")
                    .addQueryParameter("start", novaTime(start)).addQueryParameter("end", novaTime(end));
            if (marker != null) {
                url.addQueryParameter("marker", marker);
            }
            UsageList page = http.sendForJson(get(session, url.build()), UsageList.class);
            for (TenantUsage tenant : page.tenantUsages() == null ? List.<TenantUsage>of() : page.tenantUsages()) {
                if (tenant.serverUsages() != null) {
                    tenant.serverUsages().forEach(usage -> usages.add(NovaMapping.usage(usage, tenant.tenantId())));
                }
            }
            marker = NovaJson.nextMarker(page.links());
        } while (marker != null);
        return usages;
    }

    private static String novaTime(Instant instant) {
        return NOVA_TIME.format(LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC));
    }

    private ApiCall get(Session session, HttpUrl url) {
        return ApiCall.get(SERVICE, url, session).withHeaders(Microversion.HEADERS);
    }

    /**
     * The first step of every operation: the compute endpoint, once the cloud is known to serve our pinned
     * microversion (checked on the first call of the process; see {@link Microversion}).
     */
    private HttpUrl supportedEndpoint(Session session) {
        HttpUrl endpoint = endpoints.compute();
        microversion.ensureSupported(endpoint, session);
        return endpoint;
    }

    /** A URL under the compute endpoint; builds only, calls nothing. */
    private static HttpUrl.Builder url(HttpUrl endpoint, String... segments) {
        HttpUrl.Builder builder = endpoint.newBuilder();
        if (endpoint.pathSegments().getLast().isEmpty()) {
            builder.removePathSegment(endpoint.pathSize() - 1);
        }
        for (String segment : segments) {
            builder.addPathSegment(segment);
        }
        return builder;
    }
}
