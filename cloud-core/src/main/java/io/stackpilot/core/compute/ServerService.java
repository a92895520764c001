package io.stackpilot.core.compute;

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
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The caller's servers: list, show, launch, delete. Independent cloud calls of one operation run in parallel on
 * virtual threads; a list makes at most one call per service (servers, flavors, images), never one per server.
 * Every server returned or changed belongs to the session's project: the cloud's policy is not relied on, because
 * Nova's default policy lets a token with the admin role show and delete any project's server, and the allowlist
 * admits projects, not roles. Another project's server is reported exactly like a missing one. Thread-safe.
 */
public final class ServerService {
    private final ComputeGateway compute;
    private final ImageGateway images;
    private final NetworkGateway networks;
    private final BootReferences references;

    public ServerService(ComputeGateway compute, ImageGateway images, NetworkGateway networks) {
        this(compute, images, networks, BootReferences.NONE);
    }

    /** With the check that a boot request's key pair and security groups are the caller's. */
    public ServerService(ComputeGateway compute, ImageGateway images, NetworkGateway networks,
                         BootReferences references) {
        this.compute = compute;
        this.images = images;
        this.networks = networks;
        this.references = references;
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
                () -> compute.listFlavors(session),
                () -> images.listImages(session));
        Page<Server> page = results.first();
        ReferenceNames names = new ReferenceNames(results.second(), results.third());
        // The marker stays the cloud's: it points past the page's last item, whether or not that item was ours.
        return new Page<>(page.items().stream().filter(server -> owned(session, server)).map(names::fill).toList(),
                page.nextMarker());
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
                () -> flavorUnnamed ? compute.listFlavors(session) : List.<Flavor>of(),
                () -> imageUnnamed ? images.listImages(session) : List.<Image>of());
        return new ReferenceNames(lists.first(), lists.second()).fill(server);
    }

    /**
     * Checks that the (already valid) request's flavor, image and networks exist (the three lists are fetched in
     * parallel) and that its key pair and security groups are the caller's, then boots.
     *
     * @throws InvalidRequestException for an unknown flavor, image, network, key pair or security group
     */
    public Server launch(Session session, BootRequest request) {
        Parallel.Three<List<Flavor>, List<Image>, List<Network>> lists = Parallel.join(
                () -> compute.listFlavors(session),
                () -> images.listImages(session),
                () -> networks.listNetworks(session));
        List<Flavor> flavors = lists.first();
        List<Image> imageList = lists.second();
        List<Network> networkList = lists.third();
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
        problems.addAll(references.problems(session, request));
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        return new ReferenceNames(flavors, imageList).fill(compute.boot(session, request));
    }

    /**
     * Looks the server up first (one more call) so that a server of another project is never deleted, whatever
     * the cloud's policy would allow the token.
     *
     * @throws NotFoundException when the server does not exist or belongs to another project
     */
    public void delete(Session session, ServerId id) {
        findOwned(session, id);
        compute.delete(session, id);
    }

    private Server findOwned(Session session, ServerId id) {
        return compute.findServer(session, id).filter(server -> owned(session, server))
                .orElseThrow(() -> new NotFoundException("server", id.value()));
    }

    private static boolean owned(Session session, Server server) {
        return server.projectId().equals(session.project().id());
    }
}
