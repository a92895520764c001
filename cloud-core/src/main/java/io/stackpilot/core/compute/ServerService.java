package io.stackpilot.core.compute;

import io.stackpilot.core.catalog.CatalogService;
import io.stackpilot.core.catalog.Freshness;
import io.stackpilot.core.common.Page;
import io.stackpilot.core.common.Parallel;
import io.stackpilot.core.error.FieldProblem;
import io.stackpilot.core.error.InvalidRequestException;
import io.stackpilot.core.error.NotFoundException;
import io.stackpilot.core.identity.Session;
import io.stackpilot.core.image.Image;
import io.stackpilot.core.image.ImageGateway;
import io.stackpilot.core.network.Network;
import io.stackpilot.core.network.NetworkGateway;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The caller's servers: list, show, launch, delete. Independent cloud calls of one operation run in parallel on
 * virtual threads. Flavor and image names come from the {@link CatalogService} (cached lists), so with a warm cache
 * a list is one call to the cloud; a flavor or image that the cached list lacks costs one lookup of its id, never
 * a full list and never one call per server.
 * Every server returned or changed belongs to the session's project: the cloud's policy is not relied on, because
 * Nova's default policy lets a token with the admin role show and delete any project's server, and the allowlist
 * admits projects, not roles. Another project's server is reported exactly like a missing one. Thread-safe.
 */
public final class ServerService {
    private final ComputeGateway compute;
    private final ImageGateway images;
    private final NetworkGateway networks;
    private final CatalogService catalog;
    private final BootReferences references;
    private final ProviderLookup providers;

    /** Servers whose names come from an uncached catalog (every list also lists flavors and images). */
    public ServerService(ComputeGateway compute, ImageGateway images, NetworkGateway networks) {
        this(compute, images, networks, new CatalogService(compute, images, networks), BootReferences.NONE);
    }

    /** {@code catalog} must be over the same gateways. */
    public ServerService(ComputeGateway compute, ImageGateway images, NetworkGateway networks,
                         CatalogService catalog) {
        this(compute, images, networks, catalog, BootReferences.NONE);
    }

    /** With the check that a boot request's key pair and security groups are the caller's. */
    public ServerService(ComputeGateway compute, ImageGateway images, NetworkGateway networks,
                         BootReferences references) {
        this(compute, images, networks, new CatalogService(compute, images, networks), references);
    }

    /**
     * {@code catalog} must be over the same gateways; {@code references} checks that a boot request's key pair and
     * security groups are the caller's.
     */
    public ServerService(ComputeGateway compute, ImageGateway images, NetworkGateway networks,
                         CatalogService catalog, BootReferences references) {
        this(compute, images, networks, catalog, references, ProviderLookup.NONE);
    }

    private ServerService(ComputeGateway compute, ImageGateway images, NetworkGateway networks,
                          CatalogService catalog, BootReferences references, ProviderLookup providers) {
        this.compute = compute;
        this.images = images;
        this.networks = networks;
        this.catalog = catalog;
        this.references = references;
        this.providers = providers;
    }

    /**
     * This service, also finding (for {@link #get} and {@link #delete}) the caller's VMs in the provider
     * locations where the engine placed them, through {@code providers}: a VM there is the caller's only when its
     * owner metadata names the caller's project.
     */
    public ServerService withProviderLocations(ProviderLookup providers) {
        return new ServerService(compute, images, networks, catalog, references, providers);
    }

    /**
     * The session project's servers matching the query, with flavor and image names filled in.
     *
     * @throws IllegalArgumentException for an all-projects query: a caller's token never lists other projects
     */
    public Page<Server> list(Session session, ServerQuery query) {
        if (query.allProjects()) {
            throw new IllegalArgumentException("a caller's list is never an all-projects query");
        }
        Parallel.Three<Page<Server>, List<Flavor>, List<Image>> results = Parallel.join(
                () -> compute.listServers(session, query),
                () -> catalog.flavors(session),
                () -> catalog.images(session));
        Page<Server> page = results.first();
        List<Server> owned = page.items().stream().filter(server -> owned(session, server)).toList();
        // The marker stays the cloud's: it points past the page's last item, whether or not that item was ours.
        return new Page<>(named(session, owned, results.second(), results.third()), page.nextMarker());
    }

    /**
     * The session project's server whose metadata holds {@code key=value}, if any (a list of the project's servers:
     * the cloud cannot filter by metadata).
     */
    public Optional<Server> findByMetadata(Session session, String key, String value) {
        return list(session, ServerQuery.all()).items().stream()
                .filter(server -> value.equals(server.metadata().get(key)))
                .findFirst();
    }

    /** @throws NotFoundException when the server does not exist or belongs to another project */
    public Server get(Session session, ServerId id) {
        Server server = findOwned(session, id);
        boolean flavorUnnamed = server.flavor().name() == null;
        boolean imageUnnamed = server.image() != null && server.image().name() == null;
        if (!flavorUnnamed && !imageUnnamed) {
            return server;
        }
        Parallel.Two<List<Flavor>, List<Image>> lists = Parallel.join(
                () -> flavorUnnamed ? catalog.flavors(session) : List.<Flavor>of(),
                () -> imageUnnamed ? catalog.images(session) : List.<Image>of());
        return named(session, List.of(server), lists.first(), lists.second()).getFirst();
    }

    /**
     * The servers with names from the (cached) lists; the ids those lack (a flavor or image made after the list was
     * cached, or one the list does not show) are looked up one by one, each distinct id once.
     */
    private List<Server> named(Session session, List<Server> servers, List<Flavor> flavors, List<Image> imageList) {
        ReferenceNames fromLists = new ReferenceNames(flavors, imageList);
        List<Server> named = servers.stream().map(fromLists::fill).toList();
        Set<String> flavorIds = unnamedIds(named, Server::flavor);
        Set<String> imageIds = unnamedIds(named, Server::image);
        if (flavorIds.isEmpty() && imageIds.isEmpty()) {
            return named;
        }
        Parallel.Two<List<Flavor>, List<Image>> found = Parallel.join(
                () -> flavorIds.stream().flatMap(id -> compute.findFlavor(session, id).stream()).toList(),
                () -> imageIds.stream().flatMap(id -> images.findImage(session, id).stream()).toList());
        ReferenceNames fromLookups = new ReferenceNames(found.first(), found.second());
        return named.stream().map(fromLookups::fill).toList();
    }

    private static Set<String> unnamedIds(List<Server> servers, Function<Server, ResourceRef> reference) {
        Set<String> ids = new LinkedHashSet<>();
        servers.stream().map(reference).filter(Objects::nonNull).filter(ref -> ref.name() == null)
                .forEach(ref -> ids.add(ref.id()));
        return ids;
    }

    /**
     * Checks that the (already valid) request's flavor, image and networks exist (the three lists are fetched in
     * parallel, from the catalog's cache; when one seems unknown, again from the cloud before refusing) and that its
     * key pair and security groups are the caller's, then boots.
     *
     * @throws InvalidRequestException for an unknown flavor, image, network, key pair or security group
     */
    public Server launch(Session session, BootRequest request) {
        Catalog cached = catalog(session, Freshness.CACHED);
        Catalog lists = cached.problems(request).isEmpty() ? cached : catalog(session, Freshness.FRESH);
        List<FieldProblem> problems = new ArrayList<>(lists.problems(request));
        problems.addAll(references.problems(session, request));
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        return new ReferenceNames(lists.flavors(), lists.images()).fill(compute.boot(session, request));
    }

    private Catalog catalog(Session session, Freshness freshness) {
        Parallel.Three<List<Flavor>, List<Image>, List<Network>> lists = Parallel.join(
                () -> catalog.flavors(session, freshness),
                () -> catalog.images(session, freshness),
                () -> catalog.networks(session, freshness));
        return new Catalog(lists.first(), lists.second(), lists.third());
    }

    /** The three lists a launch is checked against. */
    private record Catalog(List<Flavor> flavors, List<Image> images, List<Network> networks) {
        List<FieldProblem> problems(BootRequest request) {
            return ServerService.problems(request, flavors, images, networks);
        }
    }

    private static List<FieldProblem> problems(BootRequest request, List<Flavor> flavors, List<Image> imageList,
                                               List<Network> networkList) {
        List<FieldProblem> problems = new ArrayList<>();
        if (flavors.stream().noneMatch(f -> f.id().equals(request.flavorId()))) {
            problems.add(new FieldProblem("flavor_id", "unknown flavor " + request.flavorId()));
        }
        if (imageList.stream().noneMatch(i -> i.id().equals(request.imageId()))) {
            problems.add(new FieldProblem("image_id", "unknown image " + request.imageId()));
        }
        Set<String> known = networkList.stream().map(Network::id).collect(Collectors.toSet());
        List<String> unknown = request.networkIds().stream().filter(id -> !known.contains(id)).toList();
        if (!unknown.isEmpty()) {
            problems.add(new FieldProblem("network_ids", "unknown network " + String.join(", ", unknown)));
        }
        return problems;
    }

    /**
     * Looks the server up first (one more call) so that a server of another project is never deleted, whatever
     * the cloud's policy would allow the token.
     *
     * @throws NotFoundException when the server does not exist or belongs to another project
     */
    public void delete(Session session, ServerId id) {
        Optional<Server> own = compute.findServer(session, id).filter(server -> owned(session, server));
        if (own.isPresent()) {
            compute.delete(session, id);
            return;
        }
        ProviderLookup.Found placed = providers.find(session.project().id(), id)
                .orElseThrow(() -> new NotFoundException("server", id.value()));
        compute.delete(placed.session(), id);
    }

    private Server findOwned(Session session, ServerId id) {
        return compute.findServer(session, id).filter(server -> owned(session, server))
                .or(() -> providers.find(session.project().id(), id).map(ProviderLookup.Found::server))
                .orElseThrow(() -> new NotFoundException("server", id.value()));
    }

    private static boolean owned(Session session, Server server) {
        return server.projectId().equals(session.project().id());
    }
}
